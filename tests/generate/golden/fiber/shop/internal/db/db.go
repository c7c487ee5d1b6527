// Package db opens the database named by DATABASE_URL and creates the schema.
package db

import (
	"fmt"
	"strings"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"shop/internal/models"
)

// Dialector answers the GORM dialector for a database URL: `sqlite:///./path.db`
// (relative) or `sqlite:////abs/path.db`, and `postgresql://` or `postgres://` URLs.
func Dialector(url string) (gorm.Dialector, error) {
	if path, ok := strings.CutPrefix(url, "sqlite:///"); ok {
		if path == "" {
			return nil, fmt.Errorf("DATABASE_URL %q names no file", url)
		}
		return sqlite.Open(path + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)"), nil
	}
	if strings.HasPrefix(url, "postgresql://") || strings.HasPrefix(url, "postgres://") {
		return postgres.Open(url), nil
	}
	return nil, fmt.Errorf("DATABASE_URL must start with sqlite:/// or postgresql://, not %q", url)
}

// Open connects to the database.
func Open(url string) (*gorm.DB, error) {
	dialector, err := Dialector(url)
	if err != nil {
		return nil, err
	}
	conn, err := gorm.Open(dialector, &gorm.Config{
		Logger:         logger.Default.LogMode(logger.Silent),
		TranslateError: true,
	})
	if err != nil {
		return nil, err
	}
	if strings.HasPrefix(url, "sqlite:") {
		sqlDB, err := conn.DB()
		if err != nil {
			return nil, err
		}
		sqlDB.SetMaxOpenConns(1)
	}
	return conn, nil
}

// Migrate creates or updates every table.
func Migrate(conn *gorm.DB) error {
	return conn.AutoMigrate(models.All()...)
}
