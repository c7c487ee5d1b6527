package config

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func lookup(values map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		value, ok := values[name]
		return value, ok
	}
}

func TestDefaults(t *testing.T) {
	cfg, err := FromLookup(lookup(map[string]string{}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Environment != "development" || cfg.DatabaseURL != "sqlite:///./app.db" || !cfg.RateLimitEnabled {
		t.Fatalf("defaults: %+v", cfg)
	}
	if cfg.AccessTokenTTL != 30*time.Minute || cfg.RefreshTokenTTL != 7*24*time.Hour {
		t.Fatalf("token lifetimes: %+v", cfg)
	}
	t.Setenv("ENVIRONMENT", "test")
	if loaded, err := Load(); err != nil || loaded.Environment != "test" {
		t.Fatalf("Load: %v", err)
	}
}

func TestRefusals(t *testing.T) {
	for name, values := range map[string]map[string]string{
		"environment":    {"ENVIRONMENT": "staging"},
		"rate limit":     {"RATE_LIMIT_ENABLED": "maybe"},
		"access minutes": {"ACCESS_TOKEN_MINUTES": "0"},
		"refresh days":   {"REFRESH_TOKEN_DAYS": "x"},
		"secret":         {"ENVIRONMENT": "production"},
	} {
		if _, err := FromLookup(lookup(values)); err == nil {
			t.Errorf("%s: accepted %v", name, values)
		}
	}
	cfg, err := FromLookup(lookup(map[string]string{"ENVIRONMENT": "production", "SECRET_KEY": "real", "CORS_ORIGINS": " https://a.example , ,https://b.example"}))
	if err != nil || len(cfg.CORSOrigins) != 2 {
		t.Fatalf("production with a secret: %v %v", cfg, err)
	}
	if (Provider{ClientID: "x"}).Configured() {
		t.Fatal("a provider without URLs is configured")
	}
}

func TestDotEnv(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".env")
	text := "# settings\nLOG_LEVEL=debug\nSECRET_KEY=\"from-file\"\nnot a setting\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	lookup := WithDotEnv(path, lookup(map[string]string{"SECRET_KEY": "from-env"}))
	if value, _ := lookup("LOG_LEVEL"); value != "debug" {
		t.Errorf("LOG_LEVEL %q", value)
	}
	if value, _ := lookup("SECRET_KEY"); value != "from-env" {
		t.Errorf("the environment does not win: %q", value)
	}
	if _, ok := lookup("ENVIRONMENT"); ok {
		t.Error("an unset variable was found")
	}
	if _, ok := WithDotEnv(filepath.Join(t.TempDir(), "none"), lookup)("X"); ok {
		t.Error("a missing file gave a value")
	}
}
