package models

// Category: A node of the catalogue tree
type Category struct {
	ID        int64     `gorm:"column:id;primaryKey;autoIncrement"`
	Name      string    `gorm:"column:name;size:80;not null"`
	Slug      string    `gorm:"column:slug;size:80;not null;uniqueIndex:uq_categories_slug,priority:1"`
	Position  int32     `gorm:"column:position;not null"`
	ParentID  *int64    `gorm:"column:parent_id;index:ix_categories_parent_id,priority:1"`
	ParentRef *Category `gorm:"foreignKey:ParentID;references:ID;constraint:OnDelete:RESTRICT"`
}

// TableName is the table Category rows live in.
func (Category) TableName() string { return "categories" }
