package models

// Tag: A free label shown as a product facet
type Tag struct {
	ID    int64  `gorm:"column:id;primaryKey;autoIncrement"`
	Label string `gorm:"column:label;size:40;not null;uniqueIndex:uq_tags_label,priority:1"`
}

// TableName is the table Tag rows live in.
func (Tag) TableName() string { return "tags" }
