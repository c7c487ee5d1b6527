package models

import "time"

// Cart: A row of the carts table.
type Cart struct {
	ID          int64     `gorm:"column:id;primaryKey;autoIncrement"`
	CustomerID  int64     `gorm:"column:customer_id;not null;uniqueIndex:uq_carts_customer_id,priority:1"`
	CustomerRef *User     `gorm:"foreignKey:CustomerID;references:ID;constraint:OnDelete:CASCADE"`
	CreatedAt   time.Time `gorm:"column:created_at;not null"`
	UpdatedAt   time.Time `gorm:"column:updated_at;not null"`
}

// TableName is the table Cart rows live in.
func (Cart) TableName() string { return "carts" }
