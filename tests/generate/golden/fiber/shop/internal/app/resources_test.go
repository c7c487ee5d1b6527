package app

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

// actionCase is a custom action: who may call it and how.
type actionCase struct {
	path       string
	method     string
	who        string
	item       bool
	idempotent bool
}

// resourceCase is what the behaviour tests of one resource need to know; "" means the
// check does not apply.
type resourceCase struct {
	name            string
	path            string
	creator         string
	ops             map[string]string
	forbiddenCreate string
	forbiddenDelete string
	make            func(e *env, owner int64) int64
	payload         func(e *env, owner int64, n int) map[string]any
	compare         []string
	invalidKey      string
	invalidValue    any
	uniqueKey       string
	manyKey         string
	updateKey       string
	updateValue     any
	isolated        bool
	tenanted        bool
	tenantKey       string
	crossKey        string
	crossMake       func(e *env, owner int64) int64
	paging          string
	maxSize         int
	sort            []string
	filters         []string
	searchKey       string
	softDelete      bool
	versioned       bool
	publicRead      bool
	actions         []actionCase
}

var resourceCases = []resourceCase{
	{
		name:            "category",
		path:            "/categories",
		creator:         "admin",
		ops:             map[string]string{"create": "creator", "delete": "creator", "list": "creator", "read": "creator", "update": "creator"},
		forbiddenCreate: "customer",
		forbiddenDelete: "customer",
		make:            makeCategory,
		payload: func(e *env, owner int64, n int) map[string]any {
			return map[string]any{"name": fmt.Sprintf("name-%d", n), "slug": fmt.Sprintf("slug-%d", n), "position": []any{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}[n%16]}
		},
		compare:      []string{"name", "slug", "position"},
		invalidKey:   "name",
		invalidValue: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
		uniqueKey:    "slug",
		manyKey:      "",
		updateKey:    "name",
		updateValue:  "name-16",
		isolated:     false,
		paging:       "offset",
		maxSize:      100,
		sort:         []string{"position", "name"},
		filters:      []string{},
		searchKey:    "name",
		softDelete:   false,
		versioned:    false,
		publicRead:   true,
		actions:      []actionCase{},
	},
	{
		name:            "tag",
		path:            "/tags",
		creator:         "admin",
		ops:             map[string]string{"create": "creator", "delete": "creator", "list": "creator", "read": "creator", "update": "creator"},
		forbiddenCreate: "customer",
		forbiddenDelete: "customer",
		make:            makeTag,
		payload: func(e *env, owner int64, n int) map[string]any {
			return map[string]any{"label": fmt.Sprintf("label-%d", n), "products_ids": []any{makeProduct(e, owner)}}
		},
		compare:      []string{"label"},
		invalidKey:   "label",
		invalidValue: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
		uniqueKey:    "label",
		manyKey:      "products_ids",
		updateKey:    "label",
		updateValue:  "label-64",
		isolated:     false,
		paging:       "offset",
		maxSize:      100,
		sort:         []string{},
		filters:      []string{},
		searchKey:    "label",
		softDelete:   false,
		versioned:    false,
		publicRead:   true,
		actions:      []actionCase{},
	},
	{
		name:            "product",
		path:            "/products",
		creator:         "admin",
		ops:             map[string]string{"create": "creator", "delete": "creator", "list": "creator", "read": "creator", "update": "creator"},
		forbiddenCreate: "customer",
		forbiddenDelete: "staff",
		make:            makeProduct,
		payload: func(e *env, owner int64, n int) map[string]any {
			return map[string]any{"name": fmt.Sprintf("name-%d", n), "sku": fmt.Sprintf("SAMPLE-%04d", n), "description": fmt.Sprintf("descript-%d", n), "price": []any{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16"}[n%16], "currency": []any{"usd", "gbp", "eur", "usd", "gbp", "eur", "usd", "gbp", "eur", "usd", "gbp", "eur", "usd", "gbp", "eur", "usd"}[n%16], "stock": []any{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}[n%16], "weight_grams": []any{2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17}[n%16], "active": []any{true, false, true, false, true, false, true, false, true, false, true, false, true, false, true, false}[n%16], "image": fmt.Sprintf("https://example.com/files/%d", n), "details": []any{map[string]any{"n": 1}, map[string]any{"n": 2}, map[string]any{"n": 3}, map[string]any{"n": 4}, map[string]any{"n": 5}, map[string]any{"n": 6}, map[string]any{"n": 7}, map[string]any{"n": 8}, map[string]any{"n": 9}, map[string]any{"n": 10}, map[string]any{"n": 11}, map[string]any{"n": 12}, map[string]any{"n": 13}, map[string]any{"n": 14}, map[string]any{"n": 15}, map[string]any{"n": 16}}[n%16], "category_id": makeCategory(e, owner), "tags_ids": []any{makeTag(e, owner)}}
		},
		compare:      []string{"name", "sku", "description", "currency", "stock", "weight_grams", "active"},
		invalidKey:   "name",
		invalidValue: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
		uniqueKey:    "sku",
		manyKey:      "tags_ids",
		updateKey:    "name",
		updateValue:  "name-16",
		isolated:     false,
		paging:       "cursor",
		maxSize:      96,
		sort:         []string{"price", "name", "stock"},
		filters:      []string{"category_id", "active", "price", "currency"},
		searchKey:    "name",
		softDelete:   true,
		versioned:    true,
		publicRead:   true,
		actions:      []actionCase{},
	},
	{
		name:            "cart",
		path:            "/carts",
		creator:         "customer",
		ops:             map[string]string{"create": "creator", "delete": "admin", "list": "creator", "read": "creator", "update": "creator"},
		forbiddenCreate: "admin",
		forbiddenDelete: "staff",
		make:            makeCart,
		compare:         []string{},
		invalidKey:      "",
		uniqueKey:       "",
		manyKey:         "",
		updateKey:       "",
		isolated:        true,
		paging:          "offset",
		maxSize:         100,
		sort:            []string{},
		filters:         []string{},
		searchKey:       "",
		softDelete:      false,
		versioned:       false,
		publicRead:      false,
		actions: []actionCase{
			{path: "/carts/%d/checkout", method: "POST", who: "creator", item: true, idempotent: true},
		},
	},
	{
		name:            "cart_item",
		path:            "/cart-items",
		creator:         "customer",
		ops:             map[string]string{"create": "creator", "delete": "creator", "list": "creator", "read": "creator", "update": "creator"},
		forbiddenCreate: "admin",
		forbiddenDelete: "",
		make:            makeCartItem,
		payload: func(e *env, owner int64, n int) map[string]any {
			return map[string]any{"cart_id": makeCart(e, owner), "product_id": makeProduct(e, owner), "quantity": []any{2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17}[n%16]}
		},
		compare:      []string{"quantity"},
		invalidKey:   "cart_id",
		invalidValue: "not-an-id",
		uniqueKey:    "",
		manyKey:      "",
		updateKey:    "quantity",
		updateValue:  17,
		isolated:     true,
		paging:       "offset",
		maxSize:      100,
		sort:         []string{},
		filters:      []string{},
		searchKey:    "",
		softDelete:   false,
		versioned:    false,
		publicRead:   false,
		actions:      []actionCase{},
	},
	{
		name:            "order",
		path:            "/orders",
		creator:         "customer",
		ops:             map[string]string{"create": "creator", "delete": "admin", "list": "creator", "read": "creator", "update": "staff"},
		forbiddenCreate: "admin",
		forbiddenDelete: "staff",
		make:            makeOrder,
		payload: func(e *env, owner int64, n int) map[string]any {
			return map[string]any{"currency": []any{"usd", "gbp", "eur", "usd", "gbp", "eur", "usd", "gbp", "eur", "usd", "gbp", "eur", "usd", "gbp", "eur", "usd"}[n%16], "ship_to_name": fmt.Sprintf("shiptona-%d", n), "ship_to_address": fmt.Sprintf("shiptoad-%d", n), "phone": fmt.Sprintf("+1 555 %04d", n), "note": fmt.Sprintf("note-%d", n)}
		},
		compare:      []string{"currency", "ship_to_name", "ship_to_address", "phone", "note"},
		invalidKey:   "currency",
		invalidValue: "not-a-choice",
		uniqueKey:    "",
		manyKey:      "",
		updateKey:    "currency",
		updateValue:  "usd",
		isolated:     true,
		paging:       "cursor",
		maxSize:      100,
		sort:         []string{"placed_at", "total"},
		filters:      []string{"status", "customer_id", "placed_at"},
		searchKey:    "number",
		softDelete:   false,
		versioned:    true,
		publicRead:   false,
		actions: []actionCase{
			{path: "/orders/%d/cancel", method: "POST", who: "creator", item: true, idempotent: true},
			{path: "/orders/%d/ship", method: "POST", who: "staff", item: true, idempotent: false},
			{path: "/orders/%d/refund", method: "POST", who: "admin", item: true, idempotent: true},
		},
	},
	{
		name:            "order_item",
		path:            "/order-items",
		creator:         "admin",
		ops:             map[string]string{"create": "creator", "delete": "creator", "list": "creator", "read": "creator", "update": "creator"},
		forbiddenCreate: "staff",
		forbiddenDelete: "staff",
		make:            makeOrderItem,
		payload: func(e *env, owner int64, n int) map[string]any {
			return map[string]any{"parent_order_id": makeOrder(e, owner), "product_id": makeProduct(e, owner), "quantity": []any{2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17}[n%16]}
		},
		compare:      []string{"quantity"},
		invalidKey:   "parent_order_id",
		invalidValue: "not-an-id",
		uniqueKey:    "",
		manyKey:      "",
		updateKey:    "quantity",
		updateValue:  17,
		isolated:     false,
		paging:       "offset",
		maxSize:      100,
		sort:         []string{},
		filters:      []string{},
		searchKey:    "",
		softDelete:   false,
		versioned:    false,
		publicRead:   false,
		actions:      []actionCase{},
	},
	{
		name:            "payment",
		path:            "/payments",
		creator:         "customer",
		ops:             map[string]string{"create": "creator", "delete": "admin", "list": "admin", "read": "creator", "update": "admin"},
		forbiddenCreate: "admin",
		forbiddenDelete: "staff",
		make:            makePayment,
		payload: func(e *env, owner int64, n int) map[string]any {
			return map[string]any{"paid_order_id": makeOrder(e, owner), "amount": []any{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16"}[n%16], "currency": []any{"usd", "gbp", "eur", "usd", "gbp", "eur", "usd", "gbp", "eur", "usd", "gbp", "eur", "usd", "gbp", "eur", "usd"}[n%16]}
		},
		compare:      []string{"currency"},
		invalidKey:   "paid_order_id",
		invalidValue: "not-an-id",
		uniqueKey:    "",
		manyKey:      "",
		updateKey:    "amount",
		updateValue:  "16",
		isolated:     true,
		paging:       "offset",
		maxSize:      100,
		sort:         []string{"amount"},
		filters:      []string{"status", "currency"},
		searchKey:    "",
		softDelete:   false,
		versioned:    false,
		publicRead:   false,
		actions: []actionCase{
			{path: "/payments/%d/capture", method: "POST", who: "admin", item: true, idempotent: true},
		},
	},
	{
		name:            "review",
		path:            "/reviews",
		creator:         "customer",
		ops:             map[string]string{"create": "creator", "delete": "creator", "list": "creator", "read": "creator", "update": "creator"},
		forbiddenCreate: "admin",
		forbiddenDelete: "",
		make:            makeReview,
		payload: func(e *env, owner int64, n int) map[string]any {
			return map[string]any{"product_id": makeProduct(e, owner), "rating": []any{2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2}[n%16], "title": fmt.Sprintf("title-%d", n), "body": fmt.Sprintf("body-%d", n)}
		},
		compare:      []string{"rating", "title", "body"},
		invalidKey:   "product_id",
		invalidValue: "not-an-id",
		uniqueKey:    "",
		manyKey:      "",
		updateKey:    "rating",
		updateValue:  2,
		isolated:     false,
		paging:       "offset",
		maxSize:      50,
		sort:         []string{"rating"},
		filters:      []string{"product_id", "rating", "verified"},
		searchKey:    "title",
		softDelete:   true,
		versioned:    false,
		publicRead:   true,
		actions:      []actionCase{},
	},
}

func TestResources(t *testing.T) {
	for _, rc := range resourceCases {
		t.Run(rc.name+"/create", func(t *testing.T) { testCreate(t, rc) })
		t.Run(rc.name+"/read", func(t *testing.T) { testRead(t, rc) })
		t.Run(rc.name+"/list", func(t *testing.T) { testList(t, rc) })
		t.Run(rc.name+"/update", func(t *testing.T) { testUpdate(t, rc) })
		t.Run(rc.name+"/delete", func(t *testing.T) { testDelete(t, rc) })
		t.Run(rc.name+"/actions", func(t *testing.T) { testActions(t, rc) })
	}
}

// setup answers a service and a row owned by the creator.
func setup(t *testing.T, rc resourceCase) (*env, int64) {
	e := newEnv(t, nil)
	e.creatorRole = rc.creator
	e.as("creator")
	return e, rc.make(e, e.users["creator"])
}

func itemPath(rc resourceCase, id int64) string { return fmt.Sprintf("%s/%d", rc.path, id) }

func testCreate(t *testing.T, rc resourceCase) {
	if rc.payload == nil {
		t.Skip("no create endpoint, or no valid payload can be made")
	}
	e := newEnv(t, nil)
	e.creatorRole = rc.creator
	token := e.as("creator")
	owner := e.users["creator"]
	payload := rc.payload(e, owner, e.next())
	created := e.call("POST", rc.path, payload, token).expect(t, http.StatusCreated)
	var sent map[string]any
	encoded, _ := json.Marshal(payload)
	_ = json.Unmarshal(encoded, &sent)
	for _, key := range rc.compare {
		if fmt.Sprint(created.body[key]) != fmt.Sprint(sent[key]) {
			t.Errorf("%s: got %v, sent %v", key, created.body[key], sent[key])
		}
	}
	e.call("POST", rc.path, "{not json", token).expect(t, http.StatusBadRequest)
	e.call("POST", rc.path, "[]", token).expect(t, http.StatusUnprocessableEntity)
	unknown := rc.payload(e, owner, e.next())
	unknown["no_such_field"] = 1
	if e.call("POST", rc.path, unknown, token).expect(t, http.StatusUnprocessableEntity).firstError() != "no_such_field" {
		t.Error("the unknown key is not named")
	}
	if rc.invalidKey != "" {
		broken := rc.payload(e, owner, e.next())
		broken[rc.invalidKey] = rc.invalidValue
		answer := e.call("POST", rc.path, broken, token).expect(t, http.StatusUnprocessableEntity)
		if answer.firstError() != rc.invalidKey {
			t.Errorf("422 names %q, want %q", answer.firstError(), rc.invalidKey)
		}
	}
	if rc.uniqueKey != "" {
		again := rc.payload(e, owner, e.next())
		again[rc.uniqueKey] = payload[rc.uniqueKey]
		e.call("POST", rc.path, again, token).expect(t, http.StatusConflict)
	}
	if rc.manyKey != "" {
		unknownIDs := rc.payload(e, owner, e.next())
		unknownIDs[rc.manyKey] = []any{999999}
		e.call("POST", rc.path, unknownIDs, token).expect(t, http.StatusConflict)
		if ids, ok := created.body[rc.manyKey].([]any); !ok || len(ids) != 1 {
			t.Errorf("%s: %v", rc.manyKey, created.body[rc.manyKey])
		}
		if who := rc.ops["update"]; who != "" {
			change := map[string]any{rc.manyKey: []any{}}
			if rc.versioned {
				change["version"] = 1
			}
			emptied := e.call("PATCH", itemPath(rc, created.id()), change, e.as(who)).expect(t, http.StatusOK)
			if ids, _ := emptied.body[rc.manyKey].([]any); len(ids) != 0 {
				t.Errorf("%s not emptied: %v", rc.manyKey, emptied.body[rc.manyKey])
			}
		}
	}
	if rc.ops["create"] != "creator" || rc.creator == "" {
		return
	}
	if e.cfg.AuthEnabled && !rc.publicCreate() {
		e.call("POST", rc.path, rc.payload(e, owner, e.next()), "").expect(t, http.StatusUnauthorized)
	}
	if rc.forbiddenCreate != "" {
		e.call("POST", rc.path, rc.payload(e, owner, e.next()), e.as(rc.forbiddenCreate)).expect(t, http.StatusForbidden)
	}
}

func (rc resourceCase) publicCreate() bool {
	return rc.forbiddenCreate == "" && rc.ops["create"] == "creator" && rc.creator == ""
}

func testRead(t *testing.T, rc resourceCase) {
	who, ok := rc.ops["read"]
	if !ok || (who == "" && !rc.publicRead) {
		t.Skip("nobody may read")
	}
	e, id := setup(t, rc)
	got := e.call("GET", itemPath(rc, id), nil, e.as(who)).expect(t, http.StatusOK)
	if got.id() != id {
		t.Fatalf("read id %d, want %d", got.id(), id)
	}
	e.call("GET", itemPath(rc, 999999), nil, e.as(who)).expect(t, http.StatusNotFound)
	e.call("GET", rc.path+"/not-an-id", nil, e.as(who)).expect(t, http.StatusNotFound)
	if e.cfg.AuthEnabled && !rc.publicRead {
		e.call("GET", itemPath(rc, id), nil, "").expect(t, http.StatusUnauthorized)
	}
	if e.cfg.AuthEnabled {
		e.call("GET", itemPath(rc, id), nil, "not-a-token").expect(t, http.StatusUnauthorized)
	}
	if rc.isolated {
		other := e.user(rc.creator)
		pair, _ := e.tokens.Issue(other)
		e.call("GET", itemPath(rc, id), nil, pair.AccessToken).expect(t, http.StatusNotFound)
	}
}

func queryValue(value any) (string, bool) {
	switch v := value.(type) {
	case nil, map[string]any, []any:
		return "", false
	case float64:
		return fmt.Sprint(v), true
	default:
		return fmt.Sprint(v), true
	}
}

func testList(t *testing.T, rc resourceCase) {
	who, ok := rc.ops["list"]
	if !ok || who == "" {
		t.Skip("nobody may list")
	}
	e, id := setup(t, rc)
	token := e.as(who)
	page := e.call("GET", rc.path, nil, token).expect(t, http.StatusOK)
	if !page.hasItem(id) {
		t.Fatalf("the row is not listed: %s", page.raw)
	}
	switch rc.paging {
	case "offset":
		if page.body["total"] == nil || page.body["page"] != float64(1) {
			t.Errorf("not an offset page: %s", page.raw)
		}
		e.call("GET", rc.path+"?page=0", nil, token).expect(t, http.StatusUnprocessableEntity)
		e.call("GET", rc.path+"?page=2&size=1", nil, token).expect(t, http.StatusOK)
	case "cursor":
		if _, ok := page.body["next_cursor"]; !ok {
			t.Errorf("not a cursor page: %s", page.raw)
		}
		rc.make(e, e.users["creator"])
		first := e.call("GET", rc.path+"?size=1", nil, token).expect(t, http.StatusOK)
		if cursor, ok := first.body["next_cursor"].(string); ok {
			e.call("GET", rc.path+"?size=1&cursor="+url.QueryEscape(cursor), nil, token).expect(t, http.StatusOK)
		} else {
			t.Errorf("no next cursor: %s", first.raw)
		}
		e.call("GET", rc.path+"?cursor=bad", nil, token).expect(t, http.StatusUnprocessableEntity)
	}
	if rc.paging != "none" {
		e.call("GET", fmt.Sprintf("%s?size=%d", rc.path, rc.maxSize+1), nil, token).expect(t, http.StatusUnprocessableEntity)
	}
	for _, key := range rc.sort {
		e.call("GET", rc.path+"?sort="+key, nil, token).expect(t, http.StatusOK)
		e.call("GET", rc.path+"?sort=-"+key, nil, token).expect(t, http.StatusOK)
	}
	if len(rc.sort) > 0 {
		e.call("GET", rc.path+"?sort=nope", nil, token).expect(t, http.StatusUnprocessableEntity)
	}
	row := e.call("GET", itemPath(rc, id), nil, e.as(rc.ops["read"])).body
	for _, key := range rc.filters {
		value, ok := queryValue(row[key])
		if !ok {
			continue
		}
		found := e.call("GET", rc.path+"?"+key+"="+url.QueryEscape(value), nil, token).expect(t, http.StatusOK)
		if row != nil && !found.hasItem(id) {
			t.Errorf("filter %s=%s misses the row: %s", key, value, found.raw)
		}
	}
	if rc.searchKey != "" {
		if text, ok := row[rc.searchKey].(string); ok && text != "" {
			found := e.call("GET", rc.path+"?q="+url.QueryEscape(text), nil, token).expect(t, http.StatusOK)
			if !found.hasItem(id) {
				t.Errorf("search %q misses the row", text)
			}
		}
	}
}

func testUpdate(t *testing.T, rc resourceCase) {
	who, ok := rc.ops["update"]
	if !ok || who == "" {
		t.Skip("nobody may update")
	}
	e, id := setup(t, rc)
	token := e.as(who)
	body := map[string]any{}
	if rc.updateKey != "" {
		body[rc.updateKey] = rc.updateValue
	}
	if rc.versioned {
		body["version"] = 1
	}
	got := e.call("PATCH", itemPath(rc, id), body, token).expect(t, http.StatusOK)
	if rc.updateKey != "" && fmt.Sprint(got.body[rc.updateKey]) == "" {
		t.Errorf("%s not answered", rc.updateKey)
	}
	if rc.versioned {
		if got.body["version"] != float64(2) {
			t.Errorf("version %v, want 2", got.body["version"])
		}
		e.call("PATCH", itemPath(rc, id), body, token).expect(t, http.StatusConflict)
		e.call("PATCH", itemPath(rc, id), map[string]any{}, token).expect(t, http.StatusUnprocessableEntity)
	}
	e.call("PATCH", itemPath(rc, id), map[string]any{"no_such_field": 1}, token).expect(t, http.StatusUnprocessableEntity)
	e.call("PATCH", itemPath(rc, 999999), body, token).expect(t, http.StatusNotFound)
}

func testDelete(t *testing.T, rc resourceCase) {
	who, ok := rc.ops["delete"]
	if !ok || who == "" {
		t.Skip("nobody may delete")
	}
	e, id := setup(t, rc)
	if rc.forbiddenDelete != "" {
		e.call("DELETE", itemPath(rc, id), nil, e.as(rc.forbiddenDelete)).expect(t, http.StatusForbidden)
	}
	e.call("DELETE", itemPath(rc, id), nil, e.as(who)).expect(t, http.StatusNoContent)
	if reader, ok := rc.ops["read"]; ok && reader != "" {
		e.call("GET", itemPath(rc, id), nil, e.as(reader)).expect(t, http.StatusNotFound)
	}
	if lister, ok := rc.ops["list"]; ok && lister != "" {
		if e.call("GET", rc.path, nil, e.as(lister)).expect(t, http.StatusOK).hasItem(id) {
			t.Error("a deleted row is listed")
		}
	}
	e.call("DELETE", itemPath(rc, id), nil, e.as(who)).expect(t, http.StatusNotFound)
}

func testActions(t *testing.T, rc resourceCase) {
	if len(rc.actions) == 0 {
		t.Skip("no actions")
	}
	e, id := setup(t, rc)
	for _, a := range rc.actions {
		if a.who == "" {
			continue
		}
		path := a.path
		if a.item {
			path = fmt.Sprintf(a.path, id)
		}
		headers := []string{}
		if a.idempotent {
			headers = []string{"Idempotency-Key", "key-1"}
		}
		first := e.call(a.method, path, nil, e.as(a.who), headers...).expect(t, http.StatusOK)
		if a.item && first.id() != id {
			t.Errorf("%s answers id %d, want %d", path, first.id(), id)
		}
		if a.idempotent {
			again := e.call(a.method, path, nil, e.as(a.who), headers...).expect(t, http.StatusOK)
			if string(again.raw) != string(first.raw) {
				t.Errorf("%s replay differs", path)
			}
			e.call(a.method, path, nil, e.as(a.who), "Idempotency-Key", "").expect(t, http.StatusUnprocessableEntity)
		}
		if a.item {
			e.call(a.method, fmt.Sprintf(a.path, 999999), nil, e.as(a.who)).expect(t, http.StatusNotFound)
		}
	}
}
