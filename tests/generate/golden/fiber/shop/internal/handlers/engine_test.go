package handlers

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v3"
	"gorm.io/gorm"

	"shop/internal/config"
	"shop/internal/db"
)

// The engine is tested on its own tables, independent of the spec: every feature a
// resource descriptor can ask for, on one "widgets" table.
var engineSchema = []string{
	`CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT, hashed_password TEXT, role TEXT, is_active BOOLEAN)`,
	`CREATE TABLE labels (id INTEGER PRIMARY KEY AUTOINCREMENT)`,
	`CREATE TABLE widgets (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, rank INTEGER NOT NULL, owner_id INTEGER, team_id INTEGER, board_id INTEGER, deleted_at DATETIME, version INTEGER, created_at DATETIME, updated_at DATETIME)`,
	`CREATE TABLE widget_labels (widget_id INTEGER REFERENCES widgets(id) ON DELETE CASCADE, label_id INTEGER REFERENCES labels(id), PRIMARY KEY (widget_id, label_id))`,
	`INSERT INTO labels DEFAULT VALUES`,
	`INSERT INTO labels DEFAULT VALUES`,
	`CREATE TABLE teams (id INTEGER PRIMARY KEY AUTOINCREMENT, owner_id INTEGER)`,
	`CREATE TABLE members (id INTEGER PRIMARY KEY AUTOINCREMENT, team_id INTEGER, owner_id INTEGER, deleted_at DATETIME)`,
	`CREATE TABLE boards (id INTEGER PRIMARY KEY AUTOINCREMENT, team_id INTEGER)`,
	`INSERT INTO teams (owner_id) VALUES (2), (3)`,
	`INSERT INTO members (team_id, owner_id, deleted_at) VALUES (2, 4, NULL), (1, 4, '2020-01-01 00:00:00')`,
	`INSERT INTO boards (team_id) VALUES (1), (2)`,
}

// engineTenancy: a user belongs to the teams they own and to those of their live memberships.
var engineTenancy = []TenantSource{
	{Table: "teams", Tenant: "id", Owner: "owner_id"},
	{Table: "members", Tenant: "team_id", Owner: "owner_id", SoftDelete: true},
}

// teamResource is a widget scoped to a team, whose board must be of the same team.
func teamResource() *Resource {
	res := widgetResource("offset")
	board := Field{Key: "board_id", Column: "board_id", Type: TID}
	res.Read = append(res.Read, Field{Key: "team_id", Column: "team_id", Type: TID}, board)
	res.Create = append(res.Create, board)
	res.Update = append(res.Update, board)
	res.Owner = ""
	res.Tenant = "team_id"
	res.Parents = []Parent{{Key: "board_id", Table: "boards", Tenant: "team_id"}}
	return res
}

var widgetJoin = &Join{Table: "widget_labels", Local: "widget_id", Remote: "label_id", Target: "labels"}

func widgetResource(mode string) *Resource {
	name := Field{Key: "name", Column: "name", Type: TString, Required: true, MaxLength: 40}
	rank := Field{Key: "rank", Column: "rank", Type: TInt, Default: int64(1), Min: num(0)}
	labels := Field{Key: "labels_ids", Type: TIDs, Join: widgetJoin}
	return &Resource{
		Name:  "widget",
		Table: "widgets",
		Read: []Field{
			{Key: "id", Column: "id", Type: TID},
			name, rank, labels,
			{Key: "owner_id", Column: "owner_id", Type: TID, ReadRoles: []string{"admin", "member"}},
			{Key: "version", Column: "version", Type: TInt},
			{Key: "created_at", Column: "created_at", Type: TDateTime},
		},
		Create:     []Field{name, rank, labels},
		Update:     []Field{{Key: "name", Column: "name", Type: TString}, labels, {Key: "version", Type: TInt, Required: true}},
		Owner:      "owner_id",
		SoftDelete: true,
		Versioned:  true,
		Timestamps: true,
		Search:     []string{"name"},
		Sort:       []string{"rank", "name"},
		Filters: []Filter{
			{Param: "rank", Column: "rank", Op: "eq", Value: Field{Type: TInt}},
			{Param: "rank__gte", Column: "rank", Op: "gte", Value: Field{Type: TInt}},
			{Param: "rank__lte", Column: "rank", Op: "lte", Value: Field{Type: TInt}},
		},
		Paging: Paging{Mode: mode, Size: 2, Max: 5},
	}
}

type engine struct {
	t      *testing.T
	app    *fiber.App
	h      *Handler
	tokens map[string]string
}

func rename(_ fiber.Ctx, tx *gorm.DB, row Row) error {
	if row["name"] == "refuse" {
		return Fail(fiber.StatusConflict, "Refused.")
	}
	return tx.Table("widgets").Where(`"id" = ?`, row["id"]).Update("name", "renamed").Error
}

func newEngine(t *testing.T) *engine {
	t.Helper()
	conn, err := db.Open("sqlite:///" + filepath.Join(t.TempDir(), "engine.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, statement := range engineSchema {
		if err := conn.Exec(statement).Error; err != nil {
			t.Fatal(err)
		}
	}
	cfg := &config.Config{AuthEnabled: true, SecretKey: "k", AccessTokenTTL: time.Minute, RefreshTokenTTL: time.Hour, RateLimitEnabled: true}
	h := New(conn, cfg)
	h.BearerTokens = true
	h.Tenancy = engineTenancy
	app := fiber.New(fiber.Config{ErrorHandler: ErrorHandler})
	owner := []string{"owner", "admin"}
	for _, mode := range []string{"offset", "cursor", "none"} {
		res := widgetResource(mode)
		path := "/" + mode
		app.Get(path, h.List(res, Op{ID: "list", Principals: owner}))
		app.Post(path, h.Create(res, Op{ID: "create-" + mode, Principals: []string{"member"}, Idempotent: true, Limits: []Limit{{Count: 5, Period: 60, Scope: "user"}, {Count: 100, Period: 60, Scope: "ip"}, {Count: 100, Period: 60, Scope: "global"}}}))
		app.Post(path+"/reindex", h.CollectionAction(res, Op{ID: "reindex", Principals: []string{"authenticated"}, Idempotent: true}, func(fiber.Ctx, *gorm.DB, Row) error { return nil }))
		app.Get(path+"/:id", h.Read(res, Op{ID: "read", Principals: owner}))
		app.Patch(path+"/:id", h.Update(res, Op{ID: "update", Principals: owner}))
		app.Delete(path+"/:id", h.Delete(res, Op{ID: "delete", Principals: []string{"admin"}}))
		app.Post(path+"/:id/rename", h.ItemAction(res, Op{ID: "rename", Principals: owner, Idempotent: true}, rename))
	}
	tenant := teamResource()
	byTenant := []string{"tenant"}
	app.Get("/team", h.List(tenant, Op{ID: "team", Principals: byTenant}))
	app.Post("/team", h.Create(tenant, Op{ID: "team-create", Principals: byTenant}))
	app.Get("/team/:id", h.Read(tenant, Op{ID: "team-read", Principals: byTenant}))
	app.Patch("/team/:id", h.Update(tenant, Op{ID: "team-update", Principals: byTenant}))
	teams := &Resource{Name: "team", Table: "teams", Read: []Field{{Key: "id", Column: "id", Type: TID}}, Tenant: "id", Paging: Paging{Mode: "none"}}
	app.Get("/teams", h.List(teams, Op{ID: "teams", Principals: byTenant}))
	e := &engine{t: t, app: app, h: h, tokens: map[string]string{}}
	for _, who := range []string{"alice/member", "bob/member", "carol/admin", "dave/"} {
		name, role, _ := strings.Cut(who, "/")
		if err := conn.Exec(`INSERT INTO users (email, hashed_password, role, is_active) VALUES (?, '!', ?, ?)`, name+"@example.com", role, true).Error; err != nil {
			t.Fatal(err)
		}
		var id int64
		conn.Raw(`SELECT id FROM users WHERE email = ?`, name+"@example.com").Scan(&id)
		pair, _ := h.Tokens.Issue(id)
		e.tokens[name] = pair.AccessToken
	}
	return e
}

func (e *engine) call(method, path, who string, body any, headers ...string) (int, map[string]any) {
	e.t.Helper()
	var reader io.Reader
	if text, ok := body.(string); ok {
		reader = strings.NewReader(text)
	} else if body != nil {
		encoded, _ := json.Marshal(body)
		reader = strings.NewReader(string(encoded))
	}
	req := httptest.NewRequest(method, path, reader)
	if who != "" {
		req.Header.Set("Authorization", "Bearer "+e.tokens[who])
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := e.app.Test(req, fiber.TestConfig{Timeout: 10 * time.Second})
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func (e *engine) want(status int, method, path, who string, body any, headers ...string) map[string]any {
	e.t.Helper()
	got, out := e.call(method, path, who, body, headers...)
	if got != status {
		e.t.Fatalf("%s %s as %q: %d, want %d: %v", method, path, who, got, status, out)
	}
	return out
}

func TestEngineCreateAndAccess(t *testing.T) {
	e := newEngine(t)
	key := []string{IdempotencyHeader, "k1"}
	first := e.want(201, "POST", "/offset", "alice", map[string]any{"name": "alpha", "labels_ids": []int{2, 1}}, key...)
	again := e.want(201, "POST", "/offset", "alice", map[string]any{"name": "other"}, key...)
	if first["id"] != again["id"] || first["rank"] != float64(1) || fmt.Sprint(first["labels_ids"]) != "[1 2]" {
		t.Fatalf("create/replay: %v %v", first, again)
	}
	e.want(422, "POST", "/offset", "alice", map[string]any{"name": "x"}, IdempotencyHeader, strings.Repeat("k", 256))
	e.want(409, "POST", "/offset", "alice", map[string]any{"name": "beta", "labels_ids": []int{9}})
	e.want(201, "POST", "/offset", "alice", map[string]any{"name": "gamma"})
	e.want(429, "POST", "/offset", "alice", map[string]any{"name": "delta"})
	e.want(409, "POST", "/cursor", "bob", map[string]any{"name": "alpha"})
	e.want(201, "POST", "/cursor", "bob", map[string]any{"name": "bobs"})
	e.want(401, "POST", "/cursor", "", map[string]any{"name": "anon"})
	e.want(403, "POST", "/cursor", "carol", map[string]any{"name": "admins"})
	e.want(403, "POST", "/cursor", "dave", map[string]any{"name": "nobody"})
	e.want(401, "GET", "/offset", "", nil)
	e.want(401, "GET", "/offset", "", nil, "Authorization", "Bearer nope")
	e.want(401, "GET", "/offset", "", nil, "Authorization", "Token x")
	if team := e.want(200, "GET", "/team", "alice", nil); team["total"] != float64(0) {
		t.Fatalf("a caller without tenants sees %v", team)
	}
	e.want(403, "POST", "/team", "alice", map[string]any{"name": "t"})
	e.want(200, "POST", "/offset/reindex", "alice", nil, IdempotencyHeader, "r1")
	e.want(200, "POST", "/offset/reindex", "alice", nil, IdempotencyHeader, "r1")
	e.want(401, "POST", "/offset/reindex", "", nil)
}

func TestEngineRowsAndLists(t *testing.T) {
	e := newEngine(t)
	var ids []any
	for i, name := range []string{"Apple", "apricot", "banana"} {
		row := e.want(201, "POST", "/none", "alice", map[string]any{"name": name, "rank": i + 1})
		ids = append(ids, row["id"])
	}
	e.want(201, "POST", "/cursor", "bob", map[string]any{"name": "bobs"})
	id := fmt.Sprint(ids[0])
	if got := e.want(200, "GET", "/offset/"+id, "alice", nil); got["name"] != "Apple" || got["owner_id"] == nil {
		t.Fatalf("read: %v", got)
	}
	e.want(404, "GET", "/offset/"+id, "bob", nil)
	e.want(404, "GET", "/offset/x1", "alice", nil)
	mine := e.want(200, "GET", "/none", "alice", nil)
	if len(mine["items"].([]any)) != 3 {
		t.Fatalf("alice sees %v", mine)
	}
	all := e.want(200, "GET", "/offset?page=1&size=5&sort=-rank", "carol", nil)
	if all["total"] != float64(4) {
		t.Fatalf("admin sees %v", all)
	}
	found := e.want(200, "GET", "/offset?q=AP&rank__gte=1&rank__lte=2&rank=1&size=5", "alice", nil)
	if found["total"] != float64(1) {
		t.Fatalf("search: %v", found)
	}
	e.want(200, "GET", "/offset?size=3&sort=name", "alice", nil)
	for _, bad := range []string{"?page=0", "?size=6", "?sort=nope", "?rank__gte=x", "?q=" + strings.Repeat("q", 256)} {
		e.want(422, "GET", "/offset"+bad, "alice", nil)
	}
	page := e.want(200, "GET", "/cursor?size=2", "alice", nil)
	next, _ := page["next_cursor"].(string)
	last := e.want(200, "GET", "/cursor?size=2&cursor="+next, "alice", nil)
	if last["next_cursor"] != nil || len(last["items"].([]any)) != 1 {
		t.Fatalf("cursor pages: %v %v", page, last)
	}
	e.want(422, "GET", "/cursor?cursor="+strings.Repeat("c", 513), "alice", nil)
	e.want(422, "GET", "/cursor?cursor=bad", "alice", nil)
}

func TestEngineWrites(t *testing.T) {
	e := newEngine(t)
	row := e.want(201, "POST", "/none", "alice", map[string]any{"name": "w1", "labels_ids": []int{1}})
	path := fmt.Sprintf("/none/%v", row["id"])
	changed := e.want(200, "PATCH", path, "alice", map[string]any{"name": "w2", "labels_ids": []int{}, "version": 1})
	if changed["version"] != float64(2) || fmt.Sprint(changed["labels_ids"]) != "[]" {
		t.Fatalf("update: %v", changed)
	}
	e.want(409, "PATCH", path, "alice", map[string]any{"name": "w3", "version": 1})
	e.want(409, "PATCH", path, "alice", map[string]any{"labels_ids": []int{7}, "version": 2})
	e.want(422, "PATCH", path, "alice", map[string]any{"name": 5, "version": 2})
	e.want(400, "PATCH", path, "alice", "{")
	e.want(404, "PATCH", path, "bob", map[string]any{"version": 2})
	renamed := e.want(200, "POST", path+"/rename", "alice", nil, IdempotencyHeader, "a1")
	if renamed["name"] != "renamed" {
		t.Fatalf("action: %v", renamed)
	}
	e.want(200, "POST", path+"/rename", "alice", nil, IdempotencyHeader, "a1")
	e.want(404, "POST", "/none/999/rename", "alice", nil)
	refuse := e.want(201, "POST", "/none", "alice", map[string]any{"name": "refuse"})
	e.want(409, "POST", fmt.Sprintf("/none/%v/rename", refuse["id"]), "alice", nil)
	e.want(403, "DELETE", path, "alice", nil)
	e.want(204, "DELETE", path, "carol", nil)
	e.want(404, "GET", path, "carol", nil)
	e.want(404, "DELETE", path, "carol", nil)
}

func TestEngineDatabaseDown(t *testing.T) {
	e := newEngine(t)
	row := e.want(201, "POST", "/none", "alice", map[string]any{"name": "w1"})
	path := fmt.Sprintf("/none/%v", row["id"])
	if err := e.h.DB.Exec("DROP TABLE widgets").Error; err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ method, path string }{
		{"GET", "/none"}, {"GET", "/offset"}, {"GET", "/cursor"}, {"GET", path},
		{"PATCH", path}, {"DELETE", path}, {"POST", path + "/rename"}, {"POST", "/none"},
	} {
		body := map[string]any{"name": "x", "version": 1}
		if got, _ := e.call(c.method, c.path, "carol", body); got != http.StatusInternalServerError && got != http.StatusForbidden {
			t.Errorf("%s %s: %d", c.method, c.path, got)
		}
	}
}

func TestEngineTenancy(t *testing.T) {
	e := newEngine(t)
	// bob owns team 1; carol owns team 2; dave is a member of team 2 (his team 1 membership is deleted).
	bobs := e.want(201, "POST", "/team", "bob", map[string]any{"name": "b1", "board_id": 1})
	if bobs["team_id"] != float64(1) {
		t.Fatalf("a new row goes to the caller's first tenant: %v", bobs)
	}
	e.want(409, "POST", "/team", "bob", map[string]any{"name": "b2", "board_id": 2})
	daves := e.want(201, "POST", "/team", "dave", map[string]any{"name": "d1"})
	if daves["team_id"] != float64(2) {
		t.Fatalf("a member's row goes to the membership's tenant: %v", daves)
	}
	e.want(201, "POST", "/team", "carol", map[string]any{"name": "c1"})
	if list := e.want(200, "GET", "/team", "dave", nil); list["total"] != float64(2) {
		t.Fatalf("dave sees his team's rows only: %v", list)
	}
	if list := e.want(200, "GET", "/team", "bob", nil); list["total"] != float64(1) {
		t.Fatalf("bob sees his team's rows only: %v", list)
	}
	e.want(404, "GET", fmt.Sprintf("/team/%v", bobs["id"]), "dave", nil)
	e.want(200, "GET", fmt.Sprintf("/team/%v", daves["id"]), "carol", nil)
	mine := fmt.Sprintf("/team/%v", daves["id"])
	e.want(409, "PATCH", mine, "dave", map[string]any{"version": 1, "board_id": 1})
	e.want(200, "PATCH", mine, "dave", map[string]any{"version": 1, "board_id": 2})
	e.want(404, "PATCH", mine, "bob", map[string]any{"version": 2, "name": "taken"})
	if teams := e.want(200, "GET", "/teams", "dave", nil); fmt.Sprint(teams["items"]) != "[map[id:2]]" {
		t.Fatalf("dave's teams: %v", teams)
	}
}
