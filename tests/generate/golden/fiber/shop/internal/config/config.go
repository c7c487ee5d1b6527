// Package config reads the settings from environment variables (see .env.example).
package config

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// PlaceholderKey is the value .env.example ships with; it is refused in production.
const PlaceholderKey = "change-me-in-production"

// Provider holds an OAuth2 identity provider's settings.
type Provider struct {
	ClientID     string
	ClientSecret string
	AuthorizeURL string
	TokenURL     string
	UserinfoURL  string
}

// Configured reports whether every setting of the provider is given.
func (p Provider) Configured() bool {
	return p.ClientID != "" && p.ClientSecret != "" && p.AuthorizeURL != "" &&
		p.TokenURL != "" && p.UserinfoURL != ""
}

// Config is the service's settings.
type Config struct {
	ProjectName      string
	Environment      string
	DatabaseURL      string
	SecretKey        string
	CORSOrigins      []string
	LogLevel         string
	RateLimitEnabled bool
	AccessTokenTTL   time.Duration
	RefreshTokenTTL  time.Duration
	DefaultRole      string
	AuthEnabled      bool
	Providers        map[string]Provider
}

// Load reads the settings from the environment, then from `.env` for variables the
// environment lacks; it refuses the example secret in production.
func Load() (*Config, error) {
	return FromLookup(WithDotEnv(".env", os.LookupEnv))
}

// WithDotEnv answers a lookup that falls back to the KEY=VALUE lines of the file at path
// (a missing file adds nothing; `#` starts a comment line).
func WithDotEnv(path string, lookup func(string) (string, bool)) func(string) (string, bool) {
	values := map[string]string{}
	if data, err := os.ReadFile(path); err == nil { // #nosec G304 -- the settings file the operator names
		for _, line := range strings.Split(string(data), "\n") {
			line = strings.TrimSpace(line)
			key, value, found := strings.Cut(line, "=")
			if !found || strings.HasPrefix(line, "#") {
				continue
			}
			values[strings.TrimSpace(key)] = strings.Trim(strings.TrimSpace(value), `"'`)
		}
	}
	return func(name string) (string, bool) {
		if value, ok := lookup(name); ok {
			return value, true
		}
		value, ok := values[name]
		return value, ok
	}
}

// FromLookup reads the settings through lookup (os.LookupEnv in production).
func FromLookup(lookup func(string) (string, bool)) (*Config, error) {
	get := func(name, fallback string) string {
		if value, ok := lookup(name); ok {
			return value
		}
		return fallback
	}
	cfg := &Config{
		ProjectName: "Online store",
		Environment: get("ENVIRONMENT", "development"),
		DatabaseURL: get("DATABASE_URL", "sqlite:///./app.db"),
		SecretKey:   get("SECRET_KEY", PlaceholderKey),
		LogLevel:    strings.ToUpper(get("LOG_LEVEL", "INFO")),
		DefaultRole: get("DEFAULT_ROLE", "customer"),
		AuthEnabled: true,
		Providers:   map[string]Provider{},
	}
	for _, origin := range strings.Split(get("CORS_ORIGINS", "https://shop.example.com,https://admin.shop.example.com"), ",") {
		if trimmed := strings.TrimSpace(origin); trimmed != "" {
			cfg.CORSOrigins = append(cfg.CORSOrigins, trimmed)
		}
	}
	switch cfg.Environment {
	case "development", "test", "production":
	default:
		return nil, fmt.Errorf("ENVIRONMENT must be development, test or production, not %q", cfg.Environment)
	}
	enabled, err := strconv.ParseBool(get("RATE_LIMIT_ENABLED", "true"))
	if err != nil {
		return nil, errors.New("RATE_LIMIT_ENABLED must be true or false")
	}
	cfg.RateLimitEnabled = enabled
	minutes, err := strconv.Atoi(get("ACCESS_TOKEN_MINUTES", "30"))
	if err != nil || minutes < 1 {
		return nil, errors.New("ACCESS_TOKEN_MINUTES must be a positive number")
	}
	days, err := strconv.Atoi(get("REFRESH_TOKEN_DAYS", "7"))
	if err != nil || days < 1 {
		return nil, errors.New("REFRESH_TOKEN_DAYS must be a positive number")
	}
	cfg.AccessTokenTTL = time.Duration(minutes) * time.Minute
	cfg.RefreshTokenTTL = time.Duration(days) * 24 * time.Hour
	for _, name := range []string{"google", "apple"} {
		prefix := "OAUTH_" + strings.ToUpper(name) + "_"
		cfg.Providers[name] = Provider{
			ClientID:     get(prefix+"CLIENT_ID", ""),
			ClientSecret: get(prefix+"CLIENT_SECRET", ""),
			AuthorizeURL: get(prefix+"AUTHORIZE_URL", ""),
			TokenURL:     get(prefix+"TOKEN_URL", ""),
			UserinfoURL:  get(prefix+"USERINFO_URL", ""),
		}
	}
	if cfg.Environment == "production" && (cfg.SecretKey == "" || cfg.SecretKey == PlaceholderKey) {
		return nil, errors.New("SECRET_KEY must be set to a secret value in production")
	}
	return cfg, nil
}
