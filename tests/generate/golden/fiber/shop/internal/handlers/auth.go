package handlers

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"
	"gorm.io/gorm"

	"shop/internal/auth"
	"shop/internal/config"
)

var (
	authOp      = Op{ID: "auth", Limits: []Limit{{Count: 10, Period: 60, Scope: "ip"}}}
	dummyHash   = mustHash("not-a-real-password")
	loginFields = []Field{
		{Key: "email", Column: "email", Type: TEmail, Required: true, MaxLength: 254},
		{Key: "password", Type: TString, Required: true, MinLength: 1, MaxLength: 128},
	}
	refreshFields = []Field{{Key: "refresh_token", Type: TString, Required: true, MaxLength: 4096}}
	oauthFields   = []Field{
		{Key: "grant_type", Type: TString, Required: true, Choices: []string{"authorization_code"}},
		{Key: "code", Type: TString, Required: true, MaxLength: 4096},
		{Key: "redirect_uri", Type: TURL, MaxLength: 2048},
	}
)

func mustHash(password string) string {
	hash, err := auth.HashPassword(password)
	if err != nil {
		panic(err)
	}
	return hash
}

func (h *Handler) authLimit(c fiber.Ctx, id string) error {
	op := authOp
	op.ID = id
	return h.limit(c, op, Scope{})
}

func (h *Handler) findUser(email string) (Row, error) {
	var rows []map[string]any
	err := h.DB.Table("users").Where(`LOWER("email") = ?`, strings.ToLower(email)).Limit(1).Find(&rows).Error
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	return rows[0], nil
}

func (h *Handler) userBody(id int64) (map[string]any, error) {
	row, err := loadRow(h.DB, &userResource, Scope{}, id)
	if err != nil {
		return nil, err
	}
	return serialize(h.DB, &userResource, row, Scope{Caller: &Caller{ID: id, Role: stringOf(row["role"])}})
}

func (h *Handler) newUser(email, hash string, values map[string]any) (int64, error) {
	cols, sets := columns(registerFields, values)
	delete(cols, "password")
	cols["email"] = email
	cols["hashed_password"] = hash
	cols["is_active"] = true
	if h.Config.DefaultRole != "" {
		cols["role"] = h.Config.DefaultRole
	}
	now := time.Now().UTC()
	for _, f := range userResource.Read {
		if _, given := cols[f.Column]; given || f.Column == "id" {
			continue
		}
		if value, ok := serverValue(f, now); ok {
			cols[f.Column] = value
		}
	}
	var id int64
	err := h.DB.Transaction(func(tx *gorm.DB) error {
		var err error
		if id, err = insert(tx, "users", cols); err != nil {
			return err
		}
		for join, ids := range sets {
			if err := replaceSet(tx, join, id, ids); err != nil {
				return err
			}
		}
		return nil
	})
	return id, err
}

// Register creates an account with the default role.
func (h *Handler) Register(c fiber.Ctx) error {
	if err := h.authLimit(c, "auth_register"); err != nil {
		return err
	}
	object, err := decodeObject(c.Body())
	if err != nil {
		return err
	}
	values, err := validateBody(object, registerFields)
	if err != nil {
		return err
	}
	email, _ := values["email"].(string)
	if found, err := h.findUser(email); err != nil || found != nil {
		if err != nil {
			return err
		}
		return conflict("This email is already registered.")
	}
	password, _ := values["password"].(string)
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	id, err := h.newUser(email, hash, values)
	if err != nil {
		return err
	}
	body, err := h.userBody(id)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(body)
}

// Login checks the credentials and issues tokens.
func (h *Handler) Login(c fiber.Ctx) error {
	if err := h.authLimit(c, "auth_login"); err != nil {
		return err
	}
	object, err := decodeObject(c.Body())
	if err != nil {
		return err
	}
	values, err := validateBody(object, loginFields)
	if err != nil {
		return err
	}
	email, _ := values["email"].(string)
	password, _ := values["password"].(string)
	user, err := h.findUser(email)
	if err != nil {
		return err
	}
	if user == nil {
		auth.VerifyPassword(password, dummyHash)
		return unauthorized("Wrong email or password.")
	}
	if !asBool(user["is_active"]).(bool) || !auth.VerifyPassword(password, stringOf(user["hashed_password"])) {
		return unauthorized("Wrong email or password.")
	}
	id, _ := asInt(user["id"]).(int64)
	return h.issue(c, id)
}

func (h *Handler) issue(c fiber.Ctx, id int64) error {
	pair, err := h.Tokens.Issue(id)
	if err != nil {
		return err
	}
	return c.JSON(pair)
}

// Refresh answers a new token pair for a valid refresh token.
func (h *Handler) Refresh(c fiber.Ctx) error {
	if err := h.authLimit(c, "auth_refresh"); err != nil {
		return err
	}
	object, err := decodeObject(c.Body())
	if err != nil {
		return err
	}
	values, err := validateBody(object, refreshFields)
	if err != nil {
		return err
	}
	token, _ := values["refresh_token"].(string)
	id, err := h.Tokens.Read(token, auth.Refresh)
	if err != nil {
		return unauthorized("Invalid or expired refresh token.")
	}
	user, err := h.user(id)
	if err != nil {
		return err
	}
	if user == nil {
		return unauthorized("Invalid or expired refresh token.")
	}
	return h.issue(c, id)
}

// Me answers the signed-in user.
func (h *Handler) Me(c fiber.Ctx) error {
	who, err := h.caller(c)
	if err != nil {
		return err
	}
	if who == nil {
		return unauthorized("Not authenticated.")
	}
	body, err := h.userBody(who.ID)
	if err != nil {
		return err
	}
	return c.JSON(body)
}

func (h *Handler) provider(c fiber.Ctx) (config.Provider, error) {
	name := c.Params("provider")
	found, ok := h.Config.Providers[name]
	if !ok {
		return found, notFound()
	}
	if !found.Configured() {
		return found, Fail(fiber.StatusServiceUnavailable, "Sign-in with "+name+" is not configured.")
	}
	return found, nil
}

// OAuthAuthorize sends the browser to the provider's consent page.
func (h *Handler) OAuthAuthorize(c fiber.Ctx) error {
	found, err := h.provider(c)
	if err != nil {
		return err
	}
	query := url.Values{"response_type": {"code"}, "client_id": {found.ClientID}, "scope": {"openid email"}}
	for _, name := range []string{"redirect_uri", "state"} {
		if value := c.Query(name); value != "" {
			if len(value) > 2048 {
				return invalid(FieldError{Field: name, Message: "too long"})
			}
			query.Set(name, value)
		}
	}
	return c.Redirect().Status(fiber.StatusFound).To(found.AuthorizeURL + "?" + query.Encode())
}

// OAuthToken exchanges the provider's code for tokens (the account is created on first use).
func (h *Handler) OAuthToken(c fiber.Ctx) error {
	if err := h.authLimit(c, "auth_oauth_token"); err != nil {
		return err
	}
	found, err := h.provider(c)
	if err != nil {
		return err
	}
	object := map[string]any{}
	for _, f := range oauthFields {
		if value := c.FormValue(f.Key); value != "" {
			object[f.Key] = value
		}
	}
	values, err := validateBody(object, oauthFields)
	if err != nil {
		return err
	}
	email, err := exchangeCode(c.Context(), found, values)
	if err != nil {
		return err
	}
	user, err := h.findUser(email)
	if err != nil {
		return err
	}
	if user != nil {
		id, _ := asInt(user["id"]).(int64)
		return h.issue(c, id)
	}
	id, err := h.newUser(email, auth.NoLocalLogin, map[string]any{})
	if err != nil {
		return err
	}
	return h.issue(c, id)
}

var oauthClient = &http.Client{Timeout: 10 * time.Second}

func fetchJSON(req *http.Request) (map[string]any, error) {
	req.Header.Set("Accept", "application/json")
	resp, err := oauthClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return nil, auth.ErrInvalidToken
	}
	var body map[string]any
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&body); err != nil {
		return nil, err
	}
	return body, nil
}

// exchangeCode answers the email the provider vouches for, given an authorization code.
func exchangeCode(ctx context.Context, p config.Provider, values map[string]any) (string, error) {
	form := url.Values{"grant_type": {"authorization_code"}, "client_id": {p.ClientID}, "client_secret": {p.ClientSecret}}
	form.Set("code", values["code"].(string))
	if uri, ok := values["redirect_uri"].(string); ok {
		form.Set("redirect_uri", uri)
	}
	rejected := unauthorized("The provider did not accept the code.")
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.TokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return "", rejected
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	token, err := fetchJSON(req)
	if err != nil {
		return "", rejected
	}
	access, _ := token["access_token"].(string)
	req, err = http.NewRequestWithContext(ctx, http.MethodGet, p.UserinfoURL, nil)
	if err != nil {
		return "", rejected
	}
	req.Header.Set("Authorization", "Bearer "+access)
	info, err := fetchJSON(req)
	if err != nil {
		return "", rejected
	}
	email, _ := info["email"].(string)
	if !emailPattern.MatchString(email) {
		return "", unauthorized("The provider gave no email address.")
	}
	return email, nil
}
