package auth

import (
	"testing"
	"time"
)

func TestPasswords(t *testing.T) {
	hash, err := HashPassword("s3cret-pass")
	if err != nil {
		t.Fatal(err)
	}
	if !VerifyPassword("s3cret-pass", hash) || VerifyPassword("other", hash) {
		t.Fatal("verify does not tell passwords apart")
	}
	for _, bad := range []string{NoLocalLogin, "", "$argon2id$v=19$m=x$a$b", "$argon2id$v=19$m=1,t=1,p=1$!!$b", "$argon2id$v=19$m=1,t=1,p=1$YQ$!!", "$bcrypt$v=19$m=1,t=1,p=1$YQ$YQ"} {
		if VerifyPassword("s3cret-pass", bad) {
			t.Fatalf("verified against %q", bad)
		}
	}
}

func TestTokens(t *testing.T) {
	tokens := NewTokens("secret", time.Minute, time.Hour)
	pair, err := tokens.Issue(7)
	if err != nil {
		t.Fatal(err)
	}
	if id, err := tokens.Read(pair.AccessToken, Access); err != nil || id != 7 {
		t.Fatalf("access token: %d %v", id, err)
	}
	if _, err := tokens.Read(pair.AccessToken, Refresh); err == nil {
		t.Fatal("an access token passed as a refresh token")
	}
	if _, err := NewTokens("other", time.Minute, time.Hour).Read(pair.RefreshToken, Refresh); err == nil {
		t.Fatal("a token signed with another key passed")
	}
	expired := NewTokens("secret", -time.Minute, -time.Minute)
	old, _ := expired.Issue(7)
	if _, err := tokens.Read(old.AccessToken, Access); err == nil {
		t.Fatal("an expired token passed")
	}
	zero, _ := tokens.issue(0, Access, time.Minute)
	if _, err := tokens.Read(zero, Access); err == nil {
		t.Fatal("a token for user 0 passed")
	}
	if pair.ExpiresIn != 60 || pair.TokenType != "bearer" {
		t.Fatalf("pair: %+v", pair)
	}
}
