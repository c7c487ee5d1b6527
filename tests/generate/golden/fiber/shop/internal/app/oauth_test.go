package app

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v3"
)

// fakeProvider answers OAuth2 token and userinfo requests like an identity provider.
func fakeProvider(t *testing.T, email string) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/token", func(w http.ResponseWriter, r *http.Request) {
		if r.FormValue("code") != "good-code" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"access_token": "provider-token"})
	})
	mux.HandleFunc("/userinfo", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(map[string]any{"email": email})
	})
	server := httptest.NewServer(mux)
	t.Cleanup(server.Close)
	return server
}

func oauthEnv(t *testing.T, base string) *env {
	prefix := "OAUTH_GOOGLE_"
	return newEnv(t, map[string]string{
		prefix + "CLIENT_ID":     "client",
		prefix + "CLIENT_SECRET": "secret",
		prefix + "AUTHORIZE_URL": base + "/authorize",
		prefix + "TOKEN_URL":     base + "/token",
		prefix + "USERINFO_URL":  base + "/userinfo",
	})
}

func postForm(t *testing.T, e *env, path string, form url.Values) response {
	t.Helper()
	req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := e.app.Test(req, fiber.TestConfig{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out := response{status: resp.StatusCode, header: resp.Header}
	_ = json.NewDecoder(resp.Body).Decode(&out.body)
	return out
}

func TestOAuth(t *testing.T) {
	provider := "google"
	unconfigured := newEnv(t, nil)
	unconfigured.call("GET", "/auth/oauth/"+provider+"/authorize", nil, "").expect(t, http.StatusServiceUnavailable)
	unconfigured.call("GET", "/auth/oauth/nope/authorize", nil, "").expect(t, http.StatusNotFound)
	server := fakeProvider(t, "oauth@example.com")
	e := oauthEnv(t, server.URL)
	redirect := e.call("GET", "/auth/oauth/"+provider+"/authorize?state=s1&redirect_uri=https://app.example.com/cb", nil, "")
	redirect.expect(t, http.StatusFound)
	if !strings.HasPrefix(redirect.header.Get("Location"), server.URL+"/authorize?") {
		t.Fatalf("redirect to %q", redirect.header.Get("Location"))
	}
	path := "/auth/oauth/" + provider + "/token"
	good := url.Values{"grant_type": {"authorization_code"}, "code": {"good-code"}, "redirect_uri": {"https://app.example.com/cb"}}
	first := postForm(t, e, path, good).expect(t, http.StatusOK)
	if first.body["access_token"] == nil {
		t.Fatal("no tokens")
	}
	postForm(t, e, path, good).expect(t, http.StatusOK)
	postForm(t, e, path, url.Values{"grant_type": {"authorization_code"}, "code": {"bad"}}).expect(t, http.StatusUnauthorized)
	postForm(t, e, path, url.Values{"code": {"good-code"}}).expect(t, http.StatusUnprocessableEntity)
	noEmail := oauthEnv(t, fakeProvider(t, "not-an-email").URL)
	postForm(t, noEmail, path, good).expect(t, http.StatusUnauthorized)
	broken := oauthEnv(t, "http://127.0.0.1:1")
	postForm(t, broken, path, good).expect(t, http.StatusUnauthorized)
}
