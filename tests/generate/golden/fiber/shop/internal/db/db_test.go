package db

import (
	"path/filepath"
	"testing"
)

func TestDialector(t *testing.T) {
	for _, url := range []string{"sqlite:///./app.db", "postgresql://u:p@localhost/db", "postgres://u:p@localhost/db"} {
		if _, err := Dialector(url); err != nil {
			t.Errorf("%s: %v", url, err)
		}
	}
	for _, url := range []string{"sqlite:///", "mysql://localhost/db", ""} {
		if _, err := Dialector(url); err == nil {
			t.Errorf("%s accepted", url)
		}
		if _, err := Open(url); err == nil {
			t.Errorf("%s opened", url)
		}
	}
}

func TestOpenAndMigrate(t *testing.T) {
	conn, err := Open("sqlite:///" + filepath.Join(t.TempDir(), "app.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := Migrate(conn); err != nil {
		t.Fatal(err)
	}
	if err := Migrate(conn); err != nil {
		t.Fatalf("migrating twice: %v", err)
	}
}
