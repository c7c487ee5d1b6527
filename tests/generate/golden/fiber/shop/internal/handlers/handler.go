// Package handlers serves the API: resources, auth and system endpoints.
package handlers

import (
	"crypto/rand"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/gofiber/fiber/v3"
	"gorm.io/gorm"

	"shop/internal/auth"
	"shop/internal/config"
	"shop/internal/middleware"
)

// IdempotencyHeader carries the key that makes a repeated request answer the first answer.
const IdempotencyHeader = "Idempotency-Key"

// Handler holds what every endpoint needs.
type Handler struct {
	DB      *gorm.DB
	Config  *config.Config
	Tokens  *auth.Tokens
	Limiter *middleware.Limiter
	Replays *Replays
	Logger  *slog.Logger
	// BearerTokens and SessionCookies say where callers' tokens are read from.
	BearerTokens   bool
	SessionCookies bool
	// Tenancy is where a user's tenants are read from.
	Tenancy []TenantSource
}

// New builds a Handler.
func New(db *gorm.DB, cfg *config.Config) *Handler {
	return &Handler{
		DB:             db,
		Config:         cfg,
		Tokens:         auth.NewTokens(cfg.SecretKey, cfg.AccessTokenTTL, cfg.RefreshTokenTTL),
		Limiter:        middleware.NewLimiter(cfg.RateLimitEnabled),
		Replays:        NewReplays(24 * time.Hour),
		Logger:         slog.Default(),
		BearerTokens:   issueTokens,
		SessionCookies: sessionCookie,
		Tenancy:        tenancySources,
	}
}

// limit enforces an operation's rate limits for the caller.
func (h *Handler) limit(c fiber.Ctx, op Op, scope Scope) error {
	for _, l := range op.Limits {
		key := op.ID + "|" + l.Scope + "|"
		switch l.Scope {
		case "user", "tenant":
			if scope.Caller != nil {
				key += scope.userKey()
			} else {
				key += c.IP()
			}
		case "ip":
			key += c.IP()
		}
		if retry, ok := h.Limiter.Allow(key, l.Count, time.Duration(l.Period)*time.Second); !ok {
			return &APIError{
				Status:  fiber.StatusTooManyRequests,
				Detail:  "Too many requests.",
				Headers: map[string]string{fiber.HeaderRetryAfter: strconv.Itoa(retry)},
			}
		}
	}
	return nil
}

// Replays keeps the answers of idempotent requests for a while.
type Replays struct {
	mu      sync.Mutex
	ttl     time.Duration
	answers map[string]replay
}

type replay struct {
	status int
	body   any
	at     time.Time
}

// NewReplays builds an empty store keeping answers for ttl.
func NewReplays(ttl time.Duration) *Replays {
	return &Replays{ttl: ttl, answers: map[string]replay{}}
}

func (r *Replays) get(key string) (replay, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	found, ok := r.answers[key]
	if ok && time.Since(found.at) > r.ttl {
		delete(r.answers, key)
		return replay{}, false
	}
	return found, ok
}

func (r *Replays) put(key string, status int, body any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.answers[key] = replay{status: status, body: body, at: time.Now()}
}

// idempotencyKey reads the optional Idempotency-Key header (1 to 255 characters).
func idempotencyKey(c fiber.Ctx, op Op, scope Scope) (string, error) {
	if !op.Idempotent {
		return "", nil
	}
	value := c.Get(IdempotencyHeader)
	if value == "" {
		if _, present := c.GetReqHeaders()[IdempotencyHeader]; !present {
			return "", nil
		}
	}
	if len(value) < 1 || len(value) > 255 {
		return "", invalid(FieldError{Field: IdempotencyHeader, Message: "must have 1 to 255 characters"})
	}
	return op.ID + "|" + scope.userKey() + "|" + value, nil
}

// answer sends body with status, remembering it under key when the request is idempotent.
func (h *Handler) answer(c fiber.Ctx, key string, status int, body any) error {
	if key != "" {
		h.Replays.put(key, status, body)
	}
	return c.Status(status).JSON(body)
}

func (h *Handler) replayed(c fiber.Ctx, key string) (bool, error) {
	if key == "" {
		return false, nil
	}
	found, ok := h.Replays.get(key)
	if !ok {
		return false, nil
	}
	return true, c.Status(found.status).JSON(found.body)
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
