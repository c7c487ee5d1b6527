package models

// OrderItem: A line of an order, priced when it was ordered
type OrderItem struct {
	ID             int64    `gorm:"column:id;primaryKey;autoIncrement"`
	ParentOrderID  int64    `gorm:"column:parent_order_id;not null;uniqueIndex:uq_order_items_parent_order_id_product_id,priority:1;index:ix_order_items_parent_order_id,priority:1"`
	ParentOrderRef *Order   `gorm:"foreignKey:ParentOrderID;references:ID;constraint:OnDelete:CASCADE"`
	CustomerID     int64    `gorm:"column:customer_id;not null;index:ix_order_items_customer_id,priority:1"`
	CustomerRef    *User    `gorm:"foreignKey:CustomerID;references:ID;constraint:OnDelete:RESTRICT"`
	ProductID      int64    `gorm:"column:product_id;not null;uniqueIndex:uq_order_items_parent_order_id_product_id,priority:2;index:ix_order_items_product_id,priority:1"`
	ProductRef     *Product `gorm:"foreignKey:ProductID;references:ID;constraint:OnDelete:RESTRICT"`
	Quantity       int32    `gorm:"column:quantity;not null"`
	UnitPrice      string   `gorm:"column:unit_price;type:numeric(10,2);not null"`
}

// TableName is the table OrderItem rows live in.
func (OrderItem) TableName() string { return "order_items" }
