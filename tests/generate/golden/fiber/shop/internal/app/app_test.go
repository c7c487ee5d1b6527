package app

import (
	"net/http"
	"os"
	"strings"
	"testing"

	shop "shop"
)

func TestHealthReadyMetrics(t *testing.T) {
	e := newEnv(t, nil)
	if got := e.call("GET", "/health", nil, "").expect(t, http.StatusOK); got.body["status"] != "ok" {
		t.Fatalf("health: %s", got.raw)
	}
	e.call("GET", "/ready", nil, "").expect(t, http.StatusOK)
	metrics := e.call("GET", "/metrics", nil, "").expect(t, http.StatusOK)
	if !strings.Contains(string(metrics.raw), "http_requests_total") {
		t.Fatal("no request counter in /metrics")
	}
	sqlDB, _ := e.db.DB()
	_ = sqlDB.Close()
	e.call("GET", "/ready", nil, "").expect(t, http.StatusServiceUnavailable)
}

func TestOpenAPIIsTheContract(t *testing.T) {
	e := newEnv(t, nil)
	got := e.call("GET", "/openapi.json", nil, "").expect(t, http.StatusOK)
	want, err := os.ReadFile("../../openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if string(got.raw) != string(want) || string(want) != string(shop.OpenAPI) {
		t.Fatal("GET /openapi.json is not openapi.json")
	}
}

func TestErrorsAreProblems(t *testing.T) {
	e := newEnv(t, nil)
	missing := e.call("GET", "/no-such-path", nil, "").expect(t, http.StatusNotFound)
	if missing.body["detail"] == nil || missing.body["errors"] == nil {
		t.Fatalf("not a Problem body: %s", missing.raw)
	}
	e.call("DELETE", "/health", nil, "").expect(t, http.StatusMethodNotAllowed)
	e.call("QUERY", "/health", nil, "").expect(t, http.StatusMethodNotAllowed)
	e.call("GET", "/health?pad="+strings.Repeat("x", 8000), nil, "").expect(t, http.StatusOK)
}

func TestCORS(t *testing.T) {
	e := newEnv(t, map[string]string{"CORS_ORIGINS": "https://app.example.com"})
	got := e.call("OPTIONS", "/health", nil, "",
		"Origin", "https://app.example.com", "Access-Control-Request-Method", "GET")
	if got.header.Get("Access-Control-Allow-Origin") != "https://app.example.com" {
		t.Fatalf("no CORS answer: %d %v", got.status, got.header)
	}
}
