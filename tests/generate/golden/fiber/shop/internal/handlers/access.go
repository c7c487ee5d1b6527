package handlers

import (
	"slices"
	"strings"

	"github.com/gofiber/fiber/v3"
	"gorm.io/gorm"

	"shop/internal/auth"
)

// SessionCookie names the cookie that carries a session (a signed access token).
const SessionCookie = "session"

// Caller is the authenticated user of a request.
type Caller struct {
	ID   int64
	Role string
}

// Scope is the rows a caller may touch: every row, or only their own and/or those of
// their tenants (TenantIDs).
type Scope struct {
	Caller    *Caller
	OwnerOnly bool
	ByTenant  bool
	TenantIDs []int64
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
	scope := Scope{Caller: who, OwnerOnly: byOwner, ByTenant: byTenant}
	if byTenant {
		if scope.TenantIDs, err = h.tenantIDs(who.ID); err != nil {
			return Scope{}, err
		}
	}
	return scope, nil
}

// tenantIDs answers the tenants a user belongs to, ascending: those of the rows they own in
// every tenancy source (the tenants they own and those of their memberships).
func (h *Handler) tenantIDs(userID int64) ([]int64, error) {
	seen := map[int64]bool{}
	for _, source := range h.Tenancy {
		query := h.DB.Table(source.Table).
			Where(quote(source.Owner)+" = ? AND "+quote(source.Tenant)+" IS NOT NULL", userID)
		if source.SoftDelete {
			query = query.Where(quote("deleted_at") + " IS NULL")
		}
		var ids []int64
		if err := query.Pluck(source.Tenant, &ids).Error; err != nil {
			return nil, err
		}
		for _, id := range ids {
			seen[id] = true
		}
	}
	found := make([]int64, 0, len(seen))
	for id := range seen {
		found = append(found, id)
	}
	slices.Sort(found)
	return found, nil
}

// tenantFor answers the tenant new rows of the caller belong to (their first): 403 when
// they have none.
func (h *Handler) tenantFor(scope Scope) (int64, error) {
	var found []int64
	if scope.Caller != nil {
		var err error
		if found, err = h.tenantIDs(scope.Caller.ID); err != nil {
			return 0, err
		}
	}
	if len(found) == 0 {
		return 0, Fail(fiber.StatusForbidden, "You belong to no tenant.")
	}
	return found[0], nil
}

// placeInTenant puts a new row of a tenant-scoped resource in the caller's first tenant.
func (h *Handler) placeInTenant(res *Resource, cols map[string]any, scope Scope) error {
	if _, given := cols[res.Tenant]; given || res.Tenant == "" || res.Tenant == "id" {
		return nil
	}
	tenant, err := h.tenantFor(scope)
	if err != nil {
		return err
	}
	cols[res.Tenant] = tenant
	return nil
}

// sameTenant answers 409 when values name a parent row of another tenant than row's.
func sameTenant(tx *gorm.DB, res *Resource, row Row, values map[string]any) error {
	for _, parent := range res.Parents {
		id, given := values[parent.Key]
		if !given || id == nil {
			continue
		}
		var count int64
		err := tx.Table(parent.Table).
			Where(quote("id")+" = ? AND "+quote(parent.Tenant)+" = ?", id, row[res.Tenant]).
			Count(&count).Error
		if err != nil {
			return err
		}
		if count == 0 {
			return conflict(parent.Key + " names a row of another tenant.")
		}
	}
	return nil
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
