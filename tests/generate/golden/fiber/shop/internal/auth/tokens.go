package auth

import (
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Kind tells access tokens from refresh tokens.
type Kind string

// The two kinds of token.
const (
	Access  Kind = "access"
	Refresh Kind = "refresh"
)

// Tokens issues and reads HS256-signed tokens.
type Tokens struct {
	secret     []byte
	accessTTL  time.Duration
	refreshTTL time.Duration
}

// Pair is the answer of a sign-in: both tokens and the access token's lifetime.
type Pair struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int64  `json:"expires_in"`
}

type claims struct {
	Kind Kind `json:"typ"`
	jwt.RegisteredClaims
}

// NewTokens builds a token service.
func NewTokens(secret string, accessTTL, refreshTTL time.Duration) *Tokens {
	return &Tokens{secret: []byte(secret), accessTTL: accessTTL, refreshTTL: refreshTTL}
}

// Subject is the token subject of a user id.
func Subject(id int64) string { return strconv.FormatInt(id, 10) }

func (t *Tokens) issue(id int64, kind Kind, ttl time.Duration) (string, error) {
	now := time.Now()
	token := jwt.NewWithClaims(jwt.SigningMethodHS256, claims{
		Kind: kind,
		RegisteredClaims: jwt.RegisteredClaims{
			Subject:   Subject(id),
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
		},
	})
	return token.SignedString(t.secret)
}

// Issue answers a new token pair for the user id.
func (t *Tokens) Issue(id int64) (Pair, error) {
	access, err := t.issue(id, Access, t.accessTTL)
	if err != nil {
		return Pair{}, err
	}
	refresh, err := t.issue(id, Refresh, t.refreshTTL)
	if err != nil {
		return Pair{}, err
	}
	seconds := int64(t.accessTTL / time.Second)
	return Pair{AccessToken: access, RefreshToken: refresh, TokenType: "bearer", ExpiresIn: max(seconds, 1)}, nil
}

// Read answers the user id of a valid token of the given kind.
func (t *Tokens) Read(text string, kind Kind) (int64, error) {
	var found claims
	_, err := jwt.ParseWithClaims(text, &found, func(*jwt.Token) (any, error) { return t.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}), jwt.WithExpirationRequired())
	if err != nil || found.Kind != kind {
		return 0, ErrInvalidToken
	}
	id, err := strconv.ParseInt(found.Subject, 10, 64)
	if err != nil || id < 1 {
		return 0, ErrInvalidToken
	}
	return id, nil
}
