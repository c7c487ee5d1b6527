package models

import "time"

// Payment: A card payment taken through the payment provider
type Payment struct {
	ID           int64     `gorm:"column:id;primaryKey;autoIncrement"`
	PaidOrderID  int64     `gorm:"column:paid_order_id;not null;uniqueIndex:uq_payments_paid_order_id,priority:1"`
	PaidOrderRef *Order    `gorm:"foreignKey:PaidOrderID;references:ID;constraint:OnDelete:RESTRICT"`
	CustomerID   int64     `gorm:"column:customer_id;not null;index:ix_payments_customer_id,priority:1"`
	CustomerRef  *User     `gorm:"foreignKey:CustomerID;references:ID;constraint:OnDelete:RESTRICT"`
	ProviderRef  *string   `gorm:"column:provider_ref;size:64;uniqueIndex:uq_payments_provider_ref,priority:1"`
	Amount       string    `gorm:"column:amount;type:numeric(12,2);not null"`
	Currency     string    `gorm:"column:currency;size:3;not null"`
	Status       string    `gorm:"column:status;size:10;not null"`
	CardLast4    *string   `gorm:"column:card_last4;size:4"`
	CreatedAt    time.Time `gorm:"column:created_at;not null"`
	UpdatedAt    time.Time `gorm:"column:updated_at;not null"`
}

// TableName is the table Payment rows live in.
func (Payment) TableName() string { return "payments" }
