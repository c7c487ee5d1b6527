package models

import "time"

// User: A row of the users table.
type User struct {
	ID             int64     `gorm:"column:id;primaryKey;autoIncrement"`
	Email          string    `gorm:"column:email;size:254;not null;uniqueIndex:uq_users_email,priority:1"`
	Name           *string   `gorm:"column:name;size:150"`
	HashedPassword string    `gorm:"column:hashed_password;size:255;not null"`
	Role           *string   `gorm:"column:role;size:64"`
	IsActive       bool      `gorm:"column:is_active;not null"`
	CreatedAt      time.Time `gorm:"column:created_at;not null"`
	UpdatedAt      time.Time `gorm:"column:updated_at;not null"`
}

// TableName is the table User rows live in.
func (User) TableName() string { return "users" }
