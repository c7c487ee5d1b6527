package models

// ProductTagsLink: A many-to-many link.
type ProductTagsLink struct {
	ProductID  int64    `gorm:"column:product_id;primaryKey;autoIncrement:false"`
	ProductRef *Product `gorm:"foreignKey:ProductID;references:ID;constraint:OnDelete:CASCADE"`
	TagID      int64    `gorm:"column:tag_id;primaryKey;autoIncrement:false"`
	TagRef     *Tag     `gorm:"foreignKey:TagID;references:ID;constraint:OnDelete:CASCADE"`
}

// TableName is the table ProductTagsLink rows live in.
func (ProductTagsLink) TableName() string { return "product_tags" }
