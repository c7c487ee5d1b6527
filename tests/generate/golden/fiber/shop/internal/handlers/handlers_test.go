package handlers

import (
	"encoding/json"
	"errors"
	"io"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"github.com/gofiber/fiber/v3"
	"gorm.io/gorm"
)

func TestCheckValue(t *testing.T) {
	pattern := regexp.MustCompile(`^[a-z]+$`)
	cases := []struct {
		field Field
		value any
		ok    bool
	}{
		{Field{Type: TString, MinLength: 2, MaxLength: 3}, "ab", true},
		{Field{Type: TString, MinLength: 2}, "a", false},
		{Field{Type: TString, MaxLength: 3}, "abcd", false},
		{Field{Type: TString, Pattern: pattern}, "ABC", false},
		{Field{Type: TString}, "a\x00b", false},
		{Field{Type: TString}, 5, false},
		{Field{Type: TEnum, Choices: []string{"a"}}, "b", false},
		{Field{Type: TEmail}, "a@b.co", true},
		{Field{Type: TEmail}, "not-an-email", false},
		{Field{Type: TURL}, "https://example.com/x", true},
		{Field{Type: TURL}, "no scheme", false},
		{Field{Type: TUUID}, "123E4567-E89B-12D3-A456-426614174000", true},
		{Field{Type: TUUID}, "nope", false},
		{Field{Type: TDecimal, Min: num(0)}, "1.50", true},
		{Field{Type: TDecimal, Min: num(0)}, "-1", false},
		{Field{Type: TDecimal}, "x", false},
		{Field{Type: TDate}, "2024-02-29", true},
		{Field{Type: TDate}, "2024-02-30", false},
		{Field{Type: TDateTime}, "2024-01-01T10:00:00+02:00", true},
		{Field{Type: TDateTime}, "2024-01-01", false},
		{Field{Type: TTime}, "10:30", true},
		{Field{Type: TTime}, "25:00:00", false},
		{Field{Type: TInt, Min: num(1), Max: num(5)}, json.Number("3"), true},
		{Field{Type: TInt, Min: num(1)}, json.Number("0"), false},
		{Field{Type: TInt, Max: num(5)}, json.Number("6"), false},
		{Field{Type: TInt}, json.Number("3.0"), true},
		{Field{Type: TInt}, json.Number("3.5"), false},
		{Field{Type: TInt}, json.Number("4294967296"), false},
		{Field{Type: TInt}, "3", false},
		{Field{Type: TID}, json.Number("0"), false},
		{Field{Type: TBigint}, json.Number("99999999999999999999"), false},
		{Field{Type: TFloat}, json.Number("1.5"), true},
		{Field{Type: TFloat}, json.Number("1e999"), false},
		{Field{Type: TFloat}, true, false},
		{Field{Type: TBool}, true, true},
		{Field{Type: TBool}, "true", false},
		{Field{Type: TJSON}, map[string]any{"a": 1}, true},
		{Field{Type: TJSON}, nil, true},
		{Field{Type: TString, Nullable: true}, nil, true},
		{Field{Type: TString}, nil, false},
		{Field{Type: TIDs}, []any{json.Number("2"), json.Number("1")}, true},
		{Field{Type: TIDs}, []any{json.Number("1"), json.Number("1")}, false},
		{Field{Type: TIDs}, []any{"1"}, false},
		{Field{Type: TIDs}, []any{json.Number("0")}, false},
		{Field{Type: TIDs}, "1", false},
	}
	for _, c := range cases {
		_, message := checkValue(c.field, c.value)
		if (message == "") != c.ok {
			t.Errorf("%s %v: message %q, want ok=%v", c.field.Type, c.value, message, c.ok)
		}
	}
}

func TestParseParam(t *testing.T) {
	for text, ok := range map[string]bool{"true": true, "false": true, "yes": false} {
		if _, message := parseParam(Field{Type: TBool}, text); (message == "") != ok {
			t.Errorf("bool %q", text)
		}
	}
	if value, _ := parseParam(Field{Type: TFloat}, "2.5"); value != 2.5 {
		t.Error("float param")
	}
	if value, _ := parseParam(Field{Type: TID}, "7"); value != int64(7) {
		t.Error("id param")
	}
	if value, _ := parseParam(Field{Type: TEnum, Choices: []string{"a"}}, "a"); value != "a" {
		t.Error("enum param")
	}
}

func TestShow(t *testing.T) {
	moment := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	cases := []struct {
		field Field
		value any
		want  any
	}{
		{Field{Type: TInt}, int32(3), int64(3)},
		{Field{Type: TInt}, 3, int64(3)},
		{Field{Type: TInt}, float64(3), int64(3)},
		{Field{Type: TInt}, "3", int64(3)},
		{Field{Type: TInt}, "x", nil},
		{Field{Type: TFloat}, float32(1.5), 1.5},
		{Field{Type: TFloat}, int64(2), 2.0},
		{Field{Type: TFloat}, "2.5", 2.5},
		{Field{Type: TFloat}, true, nil},
		{Field{Type: TBool}, int64(1), true},
		{Field{Type: TBool}, "t", true},
		{Field{Type: TBool}, 1.5, nil},
		{Field{Type: TDecimal, Scale: 2}, 1.5, "1.50"},
		{Field{Type: TDecimal}, int64(4), "4"},
		{Field{Type: TDecimal, Scale: 1}, "1e1", "10.0"},
		{Field{Type: TDecimal}, "2.25", "2.25"},
		{Field{Type: TDecimal}, []byte("3.5"), "3.5"},
		{Field{Type: TDecimal}, true, "true"},
		{Field{Type: TDate}, moment, "2024-05-06"},
		{Field{Type: TDate}, "2024-05-06", "2024-05-06"},
		{Field{Type: TDateTime}, "2024-05-06 07:08:09+00:00", "2024-05-06T07:08:09Z"},
		{Field{Type: TDateTime}, 5, "0001-01-01T00:00:00Z"},
		{Field{Type: TTime}, moment, "07:08:09Z"},
		{Field{Type: TTime}, "07:08:09", "07:08:09Z"},
		{Field{Type: TTime}, "bad", "bad"},
		{Field{Type: TJSON}, `{"a":1}`, map[string]any{"a": 1.0}},
		{Field{Type: TJSON}, "{", nil},
		{Field{Type: TString}, nil, nil},
		{Field{Type: TString}, 5, "5"},
	}
	for _, c := range cases {
		got, _ := json.Marshal(show(c.field, c.value))
		want, _ := json.Marshal(c.want)
		if string(got) != string(want) {
			t.Errorf("%s %v: got %s, want %s", c.field.Type, c.value, got, want)
		}
	}
}

func TestCursorsIDsAndValues(t *testing.T) {
	if offset, err := decodeCursor(encodeCursor(40)); err != nil || offset != 40 {
		t.Fatalf("cursor round trip: %d %v", offset, err)
	}
	for _, bad := range []string{"!!", "eDox", encodeCursor(-1)} {
		if _, err := decodeCursor(bad); err == nil {
			t.Errorf("cursor %q accepted", bad)
		}
	}
	for _, bad := range []string{"", "0", "-1", "1a", "99999999999999999999"} {
		if _, err := parseID(bad); err == nil {
			t.Errorf("id %q accepted", bad)
		}
	}
	now := time.Now()
	for _, f := range []Field{
		{Type: TInt}, {Type: TDecimal}, {Type: TBool}, {Type: TDateTime}, {Type: TDate},
		{Type: TTime}, {Type: TUUID}, {Type: TString}, {DefaultFn: "now"}, {DefaultFn: "today"},
		{DefaultFn: "uuid"}, {Default: "x"},
	} {
		if _, ok := serverValue(f, now); !ok {
			t.Errorf("no server value for %+v", f)
		}
	}
	for _, f := range []Field{{Type: TJSON}, {Type: TID}, {Nullable: true}} {
		if _, ok := serverValue(f, now); ok {
			t.Errorf("a server value for %+v", f)
		}
	}
	if len(newUUID()) != 36 {
		t.Error("uuid length")
	}
	if escapeLike(`50%_a\`) != `50\%\_a\\` {
		t.Error("like escaping")
	}
}

func TestStoreErrorAndProblems(t *testing.T) {
	if storeError(nil) != nil {
		t.Fatal("nil error")
	}
	for _, err := range []error{gorm.ErrDuplicatedKey, errors.New("UNIQUE constraint failed"), errors.New("ERROR (SQLSTATE 23503)")} {
		var apiErr *APIError
		if !errors.As(storeError(err), &apiErr) || apiErr.Status != 409 {
			t.Errorf("%v is not a conflict", err)
		}
	}
	plain := errors.New("disk on fire")
	if !errors.Is(storeError(plain), plain) {
		t.Fatal("other errors pass through")
	}
	app := fiber.New(fiber.Config{ErrorHandler: ErrorHandler})
	app.Get("/boom", func(fiber.Ctx) error { return plain })
	app.Get("/teapot", func(fiber.Ctx) error { return fiber.NewError(fiber.StatusTeapot, "tea") })
	for path, status := range map[string]int{"/boom": 500, "/teapot": fiber.StatusTeapot} {
		resp, err := app.Test(httptest.NewRequest("GET", path, nil))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		var problem Problem
		if resp.StatusCode != status || json.Unmarshal(body, &problem) != nil || problem.Errors == nil {
			t.Errorf("%s: %d %s", path, resp.StatusCode, body)
		}
	}
}

func TestBodiesAndReplays(t *testing.T) {
	for body, status := range map[string]int{"": 422, "{": 400, "{} {}": 400, "1": 422} {
		_, err := decodeObject([]byte(body))
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Status != status {
			t.Errorf("%q: %v, want %d", body, err, status)
		}
	}
	fields := []Field{{Key: "a", Type: TString, Required: true, WriteRoles: []string{"admin"}}}
	if _, err := validateBody(map[string]any{}, fields); err == nil {
		t.Error("a missing required key passed")
	}
	res := &Resource{Owner: "owner_id"}
	customer := Scope{Caller: &Caller{ID: 1, Role: "customer"}}
	if err := checkWrites(res, fields, map[string]any{"a": "x"}, nil, customer); err == nil {
		t.Error("a field without the write role was set")
	}
	if err := checkWrites(res, fields, map[string]any{"a": "x"}, nil, Scope{Caller: &Caller{Role: "admin"}}); err != nil {
		t.Error(err)
	}
	mine := []Field{{Key: "a", WriteRoles: []string{"owner"}}}
	if checkWrites(res, mine, map[string]any{"a": 1}, Row{"owner_id": int64(1)}, customer) != nil {
		t.Error("the owner may not set an owner field")
	}
	if checkWrites(res, mine, map[string]any{"a": 1}, Row{"owner_id": int64(2)}, customer) == nil {
		t.Error("another user set an owner field")
	}
	if checkWrites(res, mine, map[string]any{"a": 1}, nil, Scope{}) == nil {
		t.Error("an anonymous caller set an owner field")
	}
	if Fail(418, "tea").Error() != "418 tea" || stringOf([]byte("x")) != "x" || stringOf(1) != "" {
		t.Error("helpers")
	}
	if (Scope{}).role() != "" || (Scope{}).userKey() != "" {
		t.Error("an anonymous scope has a role")
	}
	replays := NewReplays(time.Nanosecond)
	replays.put("k", 200, "x")
	time.Sleep(time.Millisecond)
	if _, ok := replays.get("k"); ok {
		t.Error("an expired replay was kept")
	}
}
