package models

import "time"

// CartItem: A row of the cart_items table.
type CartItem struct {
	ID          int64     `gorm:"column:id;primaryKey;autoIncrement"`
	CartID      int64     `gorm:"column:cart_id;not null;uniqueIndex:uq_cart_items_cart_id_product_id,priority:1;index:ix_cart_items_cart_id,priority:1"`
	CartRef     *Cart     `gorm:"foreignKey:CartID;references:ID;constraint:OnDelete:CASCADE"`
	CustomerID  int64     `gorm:"column:customer_id;not null;index:ix_cart_items_customer_id,priority:1"`
	CustomerRef *User     `gorm:"foreignKey:CustomerID;references:ID;constraint:OnDelete:CASCADE"`
	ProductID   int64     `gorm:"column:product_id;not null;uniqueIndex:uq_cart_items_cart_id_product_id,priority:2;index:ix_cart_items_product_id,priority:1"`
	ProductRef  *Product  `gorm:"foreignKey:ProductID;references:ID;constraint:OnDelete:CASCADE"`
	Quantity    int32     `gorm:"column:quantity;not null"`
	CreatedAt   time.Time `gorm:"column:created_at;not null"`
	UpdatedAt   time.Time `gorm:"column:updated_at;not null"`
}

// TableName is the table CartItem rows live in.
func (CartItem) TableName() string { return "cart_items" }
