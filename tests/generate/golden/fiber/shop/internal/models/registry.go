// Package models declares the tables (GORM models); `server migrate` creates them.
package models

// All answers every model, referenced tables first.
func All() []any {
	return []any{
		&User{},
		&Category{},
		&Tag{},
		&Product{},
		&Cart{},
		&CartItem{},
		&Order{},
		&OrderItem{},
		&Payment{},
		&Review{},
		&ProductTagsLink{},
	}
}
