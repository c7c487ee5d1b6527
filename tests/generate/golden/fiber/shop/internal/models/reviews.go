package models

import "time"

// Review: A verified buyer's rating of a product
type Review struct {
	ID         int64      `gorm:"column:id;primaryKey;autoIncrement"`
	ProductID  int64      `gorm:"column:product_id;not null;uniqueIndex:uq_reviews_product_id_author_id,priority:1;index:ix_reviews_product_id,priority:1"`
	ProductRef *Product   `gorm:"foreignKey:ProductID;references:ID;constraint:OnDelete:CASCADE"`
	AuthorID   int64      `gorm:"column:author_id;not null;uniqueIndex:uq_reviews_product_id_author_id,priority:2;index:ix_reviews_author_id,priority:1"`
	AuthorRef  *User      `gorm:"foreignKey:AuthorID;references:ID;constraint:OnDelete:CASCADE"`
	Rating     int32      `gorm:"column:rating;not null"`
	Title      *string    `gorm:"column:title;size:120"`
	Body       *string    `gorm:"column:body;type:text"`
	Verified   bool       `gorm:"column:verified;not null"`
	CreatedAt  time.Time  `gorm:"column:created_at;not null"`
	UpdatedAt  time.Time  `gorm:"column:updated_at;not null"`
	DeletedAt  *time.Time `gorm:"column:deleted_at;index"`
}

// TableName is the table Review rows live in.
func (Review) TableName() string { return "reviews" }
