package app

import (
	"net/http"
	"testing"
)

func register(t *testing.T, e *env, email string) response {
	t.Helper()
	return e.call("POST", "/auth/register", map[string]any{"email": email, "password": "correct-horse-1"}, "")
}

func TestRegisterLoginRefreshMe(t *testing.T) {
	e := newEnv(t, nil)
	created := register(t, e, "ada@example.com").expect(t, http.StatusCreated)
	if created.body["email"] != "ada@example.com" || created.body["password"] != nil {
		t.Fatalf("register answer: %s", created.raw)
	}
	register(t, e, "ADA@example.com").expect(t, http.StatusConflict)
	e.call("POST", "/auth/register", map[string]any{"email": "x@example.com", "password": "short"}, "").expect(t, http.StatusUnprocessableEntity)
	e.call("POST", "/auth/register", "{", "").expect(t, http.StatusBadRequest)
	e.call("POST", "/auth/login", map[string]any{"email": "ada@example.com", "password": "wrong-password"}, "").expect(t, http.StatusUnauthorized)
	e.call("POST", "/auth/login", map[string]any{"email": "nobody@example.com", "password": "wrong-password"}, "").expect(t, http.StatusUnauthorized)
	e.call("POST", "/auth/login", map[string]any{"email": "ada@example.com"}, "").expect(t, http.StatusUnprocessableEntity)
	e.call("POST", "/auth/login", "", "").expect(t, http.StatusUnprocessableEntity)
	pair := e.call("POST", "/auth/login", map[string]any{"email": "ada@example.com", "password": "correct-horse-1"}, "").expect(t, http.StatusOK)
	access, _ := pair.body["access_token"].(string)
	refresh, _ := pair.body["refresh_token"].(string)
	if pair.body["token_type"] != "bearer" || access == "" || refresh == "" {
		t.Fatalf("token pair: %s", pair.raw)
	}
	me := e.call("GET", "/auth/me", nil, access).expect(t, http.StatusOK)
	if me.body["email"] != "ada@example.com" {
		t.Fatalf("me: %s", me.raw)
	}
	e.call("GET", "/auth/me", nil, "").expect(t, http.StatusUnauthorized)
	e.call("GET", "/auth/me", nil, refresh).expect(t, http.StatusUnauthorized)
	e.call("GET", "/auth/me", nil, "", "Authorization", "Basic abc").expect(t, http.StatusUnauthorized)
	again := e.call("POST", "/auth/refresh", map[string]any{"refresh_token": refresh}, "").expect(t, http.StatusOK)
	if again.body["access_token"] == "" {
		t.Fatal("no new access token")
	}
	e.call("POST", "/auth/refresh", map[string]any{"refresh_token": access}, "").expect(t, http.StatusUnauthorized)
	e.call("POST", "/auth/refresh", map[string]any{}, "").expect(t, http.StatusUnprocessableEntity)
	e.call("POST", "/auth/refresh", "nope", "").expect(t, http.StatusBadRequest)
	e.db.Table("users").Where("1 = 1").Update("is_active", false)
	e.call("POST", "/auth/refresh", map[string]any{"refresh_token": refresh}, "").expect(t, http.StatusUnauthorized)
	e.call("GET", "/auth/me", nil, access).expect(t, http.StatusUnauthorized)
	e.call("POST", "/auth/login", map[string]any{"email": "ada@example.com", "password": "correct-horse-1"}, "").expect(t, http.StatusUnauthorized)
}

func TestAuthRateLimit(t *testing.T) {
	e := newEnv(t, map[string]string{"RATE_LIMIT_ENABLED": "true"})
	var last response
	for i := 0; i < 11; i++ {
		last = e.call("POST", "/auth/login", map[string]any{"email": "nobody@example.com", "password": "x"}, "")
	}
	last.expect(t, http.StatusTooManyRequests)
	if last.header.Get("Retry-After") == "" {
		t.Fatal("429 without Retry-After")
	}
}
