package handlers

import (
	"strings"

	"github.com/gofiber/fiber/v3"

	"shop/internal/auth"
)

// SessionCookie names the cookie that carries a session (a signed access token).
const SessionCookie = "session"

// Caller is the authenticated user of a request.
type Caller struct {
	ID   int64
	Role string
}

// Scope is the rows a caller may touch: every row, or only their own.
type Scope struct {
	Caller    *Caller
	OwnerOnly bool
	NoRows    bool
}

func (s Scope) role() string {
	if s.Caller == nil {
		return ""
	}
	return s.Caller.Role
}

func (s Scope) userKey() string {
	if s.Caller == nil {
		return ""
	}
	return auth.Subject(s.Caller.ID)
}

// caller resolves the bearer token: none is an
// anonymous caller, bad credentials answer 401.
func (h *Handler) caller(c fiber.Ctx) (*Caller, error) {
	if !h.Config.AuthEnabled {
		return nil, nil
	}
	token := ""
	if header := c.Get(fiber.HeaderAuthorization); header != "" && h.BearerTokens {
		scheme, value, found := strings.Cut(header, " ")
		if !found || !strings.EqualFold(scheme, "bearer") || value == "" {
			return nil, unauthorized("Invalid authorization header.")
		}
		token = value
	} else if h.SessionCookies {
		token = c.Cookies(SessionCookie)
	}
	if token == "" {
		return nil, nil
	}
	id, err := h.Tokens.Read(token, auth.Access)
	if err != nil {
		return nil, unauthorized("Invalid or expired token.")
	}
	user, err := h.user(id)
	if err != nil {
		return nil, err
	}
	if user == nil {
		return nil, unauthorized("Invalid or expired token.")
	}
	return &Caller{ID: id, Role: stringOf(user["role"])}, nil
}

// user loads an active user row (nil when there is none).
func (h *Handler) user(id int64) (Row, error) {
	var rows []map[string]any
	err := h.DB.Table("users").Where(`"id" = ? AND "is_active" = ?`, id, true).Limit(1).Find(&rows).Error
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, nil
	}
	return rows[0], nil
}

// authorize answers the caller's scope for an operation allowed to principals: 401
// without a caller, 403 when no principal matches.
func (h *Handler) authorize(c fiber.Ctx, res *Resource, op Op, creating bool) (Scope, error) {
	who, err := h.caller(c)
	if err != nil {
		return Scope{}, err
	}
	if !h.Config.AuthEnabled || has(op.Principals, "anyone") {
		return Scope{Caller: who}, nil
	}
	if who == nil {
		return Scope{}, unauthorized("Not authenticated.")
	}
	if has(op.Principals, "authenticated") || (who.Role != "" && has(op.Principals, who.Role)) {
		return Scope{Caller: who}, nil
	}
	byOwner := has(op.Principals, "owner") && res != nil && res.Owner != ""
	byTenant := has(op.Principals, "tenant") && res != nil && res.Tenant != ""
	if !byOwner && !byTenant {
		return Scope{}, Fail(fiber.StatusForbidden, "You may not do this.")
	}
	if creating {
		return Scope{Caller: who}, nil
	}
	return Scope{Caller: who, OwnerOnly: byOwner, NoRows: !byOwner}, nil
}

func stringOf(value any) string {
	switch v := value.(type) {
	case string:
		return v
	case []byte:
		return string(v)
	}
	return ""
}
