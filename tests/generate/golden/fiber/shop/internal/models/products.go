package models

import "time"

// Product: Something we sell
type Product struct {
	ID          int64      `gorm:"column:id;primaryKey;autoIncrement"`
	Name        string     `gorm:"column:name;size:120;not null"`
	Sku         string     `gorm:"column:sku;size:32;not null;uniqueIndex:uq_products_sku,priority:1"`
	Description *string    `gorm:"column:description;type:text"`
	Price       string     `gorm:"column:price;type:numeric(10,2);not null"`
	Currency    string     `gorm:"column:currency;size:3;not null"`
	Stock       int32      `gorm:"column:stock;not null"`
	WeightGrams *int32     `gorm:"column:weight_grams"`
	Active      bool       `gorm:"column:active;not null;index:ix_products_active,priority:1;index:ix_products_category_id_active,priority:2"`
	Image       *string    `gorm:"column:image;size:2048"`
	Details     *string    `gorm:"column:details;type:text"`
	CategoryID  int64      `gorm:"column:category_id;not null;index:ix_products_category_id,priority:1;index:ix_products_category_id_active,priority:1"`
	CategoryRef *Category  `gorm:"foreignKey:CategoryID;references:ID;constraint:OnDelete:RESTRICT"`
	CreatedAt   time.Time  `gorm:"column:created_at;not null"`
	UpdatedAt   time.Time  `gorm:"column:updated_at;not null"`
	DeletedAt   *time.Time `gorm:"column:deleted_at;index"`
	Version     int32      `gorm:"column:version;not null"`
}

// TableName is the table Product rows live in.
func (Product) TableName() string { return "products" }
