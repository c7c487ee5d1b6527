package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v3"
	"gorm.io/gorm"

	"shop/internal/auth"
	"shop/internal/config"
	"shop/internal/db"
	"shop/internal/models"
)

// env is one test's service: the app on a fresh database, and its users.
type env struct {
	t      *testing.T
	app    *fiber.App
	db     *gorm.DB
	cfg    *config.Config
	tokens *auth.Tokens
	n      int
	users  map[string]int64
	keys   map[string]string
	// creatorRole is the role of the "creator" user (the owner of test rows).
	creatorRole string
	made        map[string]int64
	lastID      int64
}

func testLookup(url string, extra map[string]string) func(string) (string, bool) {
	values := map[string]string{
		"ENVIRONMENT":        "test",
		"DATABASE_URL":       url,
		"SECRET_KEY":         "test-secret-key",
		"RATE_LIMIT_ENABLED": "false",
	}
	for key, value := range extra {
		values[key] = value
	}
	return func(name string) (string, bool) {
		value, ok := values[name]
		return value, ok
	}
}

// newEnv builds the service on a new SQLite file (or TEST_DATABASE_URL, emptied first).
func newEnv(t *testing.T, extra map[string]string) *env {
	t.Helper()
	url := os.Getenv("TEST_DATABASE_URL")
	if url == "" {
		url = "sqlite:///" + filepath.Join(t.TempDir(), "test.db")
	}
	cfg, err := config.FromLookup(testLookup(url, extra))
	if err != nil {
		t.Fatal(err)
	}
	conn, err := db.Open(cfg.DatabaseURL)
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("TEST_DATABASE_URL") != "" {
		all := models.All()
		slices.Reverse(all)
		if err := conn.Migrator().DropTable(all...); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Migrate(conn); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := conn.DB(); err == nil {
			_ = sqlDB.Close()
		}
	})
	logger := slog.New(slog.NewJSONHandler(io.Discard, nil))
	return &env{
		t:      t,
		app:    New(cfg, conn, logger),
		db:     conn,
		cfg:    cfg,
		tokens: auth.NewTokens(cfg.SecretKey, cfg.AccessTokenTTL, cfg.RefreshTokenTTL),
		users:  map[string]int64{},
		keys:   map[string]string{},
		made:   map[string]int64{},
	}
}

func (e *env) next() int {
	e.n++
	return e.n
}

// create inserts a model row (factories use it).
func (e *env) create(row any) {
	e.t.Helper()
	if err := e.db.Create(row).Error; err != nil {
		e.t.Fatalf("factory insert %T: %v", row, err)
	}
}

func ptr[T any](value T) *T { return &value }

func pick(n int, values ...string) string { return values[n%len(values)] }

var (
	_ = fmt.Sprintf
	_ = strconv.Itoa
)

var now = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

// response is an answer decoded for assertions.
type response struct {
	status int
	header http.Header
	body   map[string]any
	raw    []byte
}

// call sends a request with an optional JSON body and bearer token.
func (e *env) call(method, path string, body any, token string, headers ...string) response {
	e.t.Helper()
	var reader io.Reader
	if text, ok := body.(string); ok {
		reader = strings.NewReader(text)
	} else if body != nil {
		encoded, err := json.Marshal(body)
		if err != nil {
			e.t.Fatal(err)
		}
		reader = bytes.NewReader(encoded)
	}
	req := httptest.NewRequest(method, path, reader)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := e.app.Test(req, fiber.TestConfig{Timeout: 10 * time.Second})
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := response{status: resp.StatusCode, header: resp.Header, raw: raw}
	_ = json.Unmarshal(raw, &out.body)
	return out
}

// expect fails the test unless the answer has the wanted status.
func (r response) expect(t *testing.T, status int) response {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.raw)
	}
	return r
}

func (r response) id() int64 {
	value, _ := r.body["id"].(float64)
	return int64(value)
}

func (r response) items() []any {
	items, _ := r.body["items"].([]any)
	return items
}

func (r response) hasItem(id int64) bool {
	for _, item := range r.items() {
		if row, ok := item.(map[string]any); ok && row["id"] == float64(id) {
			return true
		}
	}
	return false
}

func (r response) firstError() string {
	errs, _ := r.body["errors"].([]any)
	if len(errs) == 0 {
		return ""
	}
	first, _ := errs[0].(map[string]any)
	field, _ := first["field"].(string)
	return field
}

// user adds a user with role (the service's default role when empty) and answers its id.
func (e *env) user(role string) int64 {
	e.t.Helper()
	n := e.next()
	row := &models.User{Email: "user" + strconv.Itoa(n) + "@example.com", HashedPassword: "!", IsActive: true}
	if role != "" {
		row.Role = ptr(role)
	}
	row.Name = ptr(fmt.Sprintf("name-%d", n))
	row.CreatedAt = now
	row.UpdatedAt = now
	e.create(row)
	return row.ID
}

// as answers an access token for who: "creator" (the user owning test rows), a role
// name (one user per role) or "" (anonymous).
func (e *env) as(who string) string {
	e.t.Helper()
	if who == "" {
		return ""
	}
	if token, ok := e.keys[who]; ok {
		return token
	}
	role := who
	if who == "creator" {
		role = e.creatorRole
	}
	id := e.user(role)
	pair, err := e.tokens.Issue(id)
	if err != nil {
		e.t.Fatal(err)
	}
	e.users[who] = id
	e.keys[who] = pair.AccessToken
	return pair.AccessToken
}

// makeUser inserts a User row.
func makeUser(e *env, owner int64) int64 {
	n := e.next()
	_ = n
	_ = owner
	row := &models.User{
		Email:          fmt.Sprintf("user%d@example.com", n),
		Name:           ptr(fmt.Sprintf("name-%d", n)),
		HashedPassword: "!",
		IsActive:       true,
		CreatedAt:      now,
		UpdatedAt:      now,
	}
	row.Email = "user" + strconv.Itoa(n) + "@example.com"
	e.create(row)
	e.lastID = row.ID
	return row.ID
}

// makeCategory inserts a Category row.
func makeCategory(e *env, owner int64) int64 {
	n := e.next()
	_ = n
	_ = owner
	row := &models.Category{
		Name:     fmt.Sprintf("name-%d", n),
		Slug:     fmt.Sprintf("slug-%d", n),
		Position: []int32{int32(1), int32(2), int32(3), int32(4), int32(5), int32(6), int32(7), int32(8), int32(9), int32(10), int32(11), int32(12), int32(13), int32(14), int32(15), int32(16)}[n%16],
	}
	e.create(row)
	e.lastID = row.ID
	return row.ID
}

// makeTag inserts a Tag row.
func makeTag(e *env, owner int64) int64 {
	n := e.next()
	_ = n
	_ = owner
	row := &models.Tag{
		Label: fmt.Sprintf("label-%d", n),
	}
	e.create(row)
	e.lastID = row.ID
	return row.ID
}

// makeProduct inserts a Product row owned by (or linked to) owner.
func makeProduct(e *env, owner int64) int64 {
	n := e.next()
	_ = n
	_ = owner
	row := &models.Product{
		Name:        fmt.Sprintf("name-%d", n),
		Sku:         fmt.Sprintf("SAMPLE-%04d", n),
		Description: ptr(fmt.Sprintf("descript-%d", n)),
		Price:       pick(n, "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16"),
		Currency:    pick(n, "usd", "gbp", "eur", "usd", "gbp", "eur", "usd", "gbp", "eur", "usd", "gbp", "eur", "usd", "gbp", "eur", "usd"),
		Stock:       []int32{int32(1), int32(2), int32(3), int32(4), int32(5), int32(6), int32(7), int32(8), int32(9), int32(10), int32(11), int32(12), int32(13), int32(14), int32(15), int32(16)}[n%16],
		WeightGrams: ptr([]int32{int32(2), int32(3), int32(4), int32(5), int32(6), int32(7), int32(8), int32(9), int32(10), int32(11), int32(12), int32(13), int32(14), int32(15), int32(16), int32(17)}[n%16]),
		Active:      []bool{true, false, true, false, true, false, true, false, true, false, true, false, true, false, true, false}[n%16],
		Image:       ptr(fmt.Sprintf("https://example.com/files/%d", n)),
		Details:     ptr(pick(n, "{\"n\": 1}", "{\"n\": 2}", "{\"n\": 3}", "{\"n\": 4}", "{\"n\": 5}", "{\"n\": 6}", "{\"n\": 7}", "{\"n\": 8}", "{\"n\": 9}", "{\"n\": 10}", "{\"n\": 11}", "{\"n\": 12}", "{\"n\": 13}", "{\"n\": 14}", "{\"n\": 15}", "{\"n\": 16}")),
		CategoryID:  makeCategory(e, owner),
		CreatedAt:   now,
		UpdatedAt:   now,
		Version:     1,
	}
	e.create(row)
	e.lastID = row.ID
	return row.ID
}

// makeCart inserts a Cart row owned by (or linked to) owner.
func makeCart(e *env, owner int64) int64 {
	key := fmt.Sprintf("Cart/%d", owner)
	if id, ok := e.made[key]; ok {
		return id
	}
	defer func() { e.made[key] = e.lastID }()
	n := e.next()
	_ = n
	_ = owner
	row := &models.Cart{
		CustomerID: owner,
		CreatedAt:  now,
		UpdatedAt:  now,
	}
	e.create(row)
	e.lastID = row.ID
	return row.ID
}

// makeCartItem inserts a CartItem row owned by (or linked to) owner.
func makeCartItem(e *env, owner int64) int64 {
	n := e.next()
	_ = n
	_ = owner
	row := &models.CartItem{
		CartID:     makeCart(e, owner),
		CustomerID: owner,
		ProductID:  makeProduct(e, owner),
		Quantity:   []int32{int32(2), int32(3), int32(4), int32(5), int32(6), int32(7), int32(8), int32(9), int32(10), int32(11), int32(12), int32(13), int32(14), int32(15), int32(16), int32(17)}[n%16],
		CreatedAt:  now,
		UpdatedAt:  now,
	}
	e.create(row)
	e.lastID = row.ID
	return row.ID
}

// makeOrder inserts a Order row owned by (or linked to) owner.
func makeOrder(e *env, owner int64) int64 {
	n := e.next()
	_ = n
	_ = owner
	row := &models.Order{
		Number:        ptr(fmt.Sprintf("number-%d", n)),
		CustomerID:    owner,
		Status:        pick(n, "paid", "packed", "shipped", "delivered", "cancelled", "refunded", "pending", "paid", "packed", "shipped", "delivered", "cancelled", "refunded", "pending", "paid", "packed"),
		Subtotal:      pick(n, "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16"),
		ShippingFee:   pick(n, "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16"),
		Total:         pick(n, "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16"),
		Currency:      pick(n, "usd", "gbp", "eur", "usd", "gbp", "eur", "usd", "gbp", "eur", "usd", "gbp", "eur", "usd", "gbp", "eur", "usd"),
		ShipToName:    fmt.Sprintf("shiptona-%d", n),
		ShipToAddress: fmt.Sprintf("shiptoad-%d", n),
		Phone:         ptr(fmt.Sprintf("+1 555 %04d", n)),
		Note:          ptr(fmt.Sprintf("note-%d", n)),
		PlacedAt:      now.Add(time.Duration(n) * time.Minute),
		CreatedAt:     now,
		UpdatedAt:     now,
		Version:       1,
	}
	e.create(row)
	e.lastID = row.ID
	return row.ID
}

// makeOrderItem inserts a OrderItem row owned by (or linked to) owner.
func makeOrderItem(e *env, owner int64) int64 {
	n := e.next()
	_ = n
	_ = owner
	row := &models.OrderItem{
		ParentOrderID: makeOrder(e, owner),
		CustomerID:    owner,
		ProductID:     makeProduct(e, owner),
		Quantity:      []int32{int32(2), int32(3), int32(4), int32(5), int32(6), int32(7), int32(8), int32(9), int32(10), int32(11), int32(12), int32(13), int32(14), int32(15), int32(16), int32(17)}[n%16],
		UnitPrice:     pick(n, "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16"),
	}
	e.create(row)
	e.lastID = row.ID
	return row.ID
}

// makePayment inserts a Payment row owned by (or linked to) owner.
func makePayment(e *env, owner int64) int64 {
	n := e.next()
	_ = n
	_ = owner
	row := &models.Payment{
		PaidOrderID: makeOrder(e, owner),
		CustomerID:  owner,
		ProviderRef: ptr(fmt.Sprintf("provider-%d", n)),
		Amount:      pick(n, "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16"),
		Currency:    pick(n, "usd", "gbp", "eur", "usd", "gbp", "eur", "usd", "gbp", "eur", "usd", "gbp", "eur", "usd", "gbp", "eur", "usd"),
		Status:      pick(n, "captured", "failed", "refunded", "authorized", "captured", "failed", "refunded", "authorized", "captured", "failed", "refunded", "authorized", "captured", "failed", "refunded", "authorized"),
		CardLast4:   ptr(fmt.Sprintf("%04d", n)),
		CreatedAt:   now,
		UpdatedAt:   now,
	}
	e.create(row)
	e.lastID = row.ID
	return row.ID
}

// makeReview inserts a Review row owned by (or linked to) owner.
func makeReview(e *env, owner int64) int64 {
	n := e.next()
	_ = n
	_ = owner
	row := &models.Review{
		ProductID: makeProduct(e, owner),
		AuthorID:  owner,
		Rating:    []int32{int32(2), int32(3), int32(4), int32(5), int32(1), int32(2), int32(3), int32(4), int32(5), int32(1), int32(2), int32(3), int32(4), int32(5), int32(1), int32(2)}[n%16],
		Title:     ptr(fmt.Sprintf("title-%d", n)),
		Body:      ptr(fmt.Sprintf("body-%d", n)),
		Verified:  []bool{true, false, true, false, true, false, true, false, true, false, true, false, true, false, true, false}[n%16],
		CreatedAt: now,
		UpdatedAt: now,
	}
	e.create(row)
	e.lastID = row.ID
	return row.ID
}
