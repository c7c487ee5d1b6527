package models

import "time"

// Order: A customer's order
type Order struct {
	ID            int64     `gorm:"column:id;primaryKey;autoIncrement"`
	Number        *string   `gorm:"column:number;size:20;uniqueIndex:uq_orders_number,priority:1"`
	CustomerID    int64     `gorm:"column:customer_id;not null;index:ix_orders_customer_id,priority:1;index:ix_orders_customer_id_placed_at,priority:1"`
	CustomerRef   *User     `gorm:"foreignKey:CustomerID;references:ID;constraint:OnDelete:RESTRICT"`
	Status        string    `gorm:"column:status;size:9;not null;index:ix_orders_status,priority:1"`
	Subtotal      string    `gorm:"column:subtotal;type:numeric(12,2);not null"`
	ShippingFee   string    `gorm:"column:shipping_fee;type:numeric(10,2);not null"`
	Total         string    `gorm:"column:total;type:numeric(12,2);not null"`
	Currency      string    `gorm:"column:currency;size:3;not null"`
	ShipToName    string    `gorm:"column:ship_to_name;size:120;not null"`
	ShipToAddress string    `gorm:"column:ship_to_address;type:text;not null"`
	Phone         *string   `gorm:"column:phone;size:20"`
	Note          *string   `gorm:"column:note;type:text"`
	PlacedAt      time.Time `gorm:"column:placed_at;not null;index:ix_orders_customer_id_placed_at,priority:2"`
	CreatedAt     time.Time `gorm:"column:created_at;not null"`
	UpdatedAt     time.Time `gorm:"column:updated_at;not null"`
	Version       int32     `gorm:"column:version;not null"`
}

// TableName is the table Order rows live in.
func (Order) TableName() string { return "orders" }
