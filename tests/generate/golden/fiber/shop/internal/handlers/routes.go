package handlers

import (
	"github.com/gofiber/fiber/v3"
)

// userResource is how users are shown (GET /auth/me, POST /auth/register).
var userResource = Resource{
	Name:  "user",
	Table: "users",
	Read: []Field{
		{Key: "id", Column: "id", Type: TID, Required: true, Min: num(1)},
		{Key: "email", Column: "email", Type: TEmail, Required: true, MaxLength: 254},
		{Key: "name", Column: "name", Type: TString, Required: true, Nullable: true, MaxLength: 150},
		{Key: "created_at", Column: "created_at", Type: TDateTime, Required: true},
		{Key: "updated_at", Column: "updated_at", Type: TDateTime, Required: true},
	},
}

// registerFields is the body of POST /auth/register.
var registerFields = []Field{
	{Key: "email", Column: "email", Type: TEmail, Required: true, MaxLength: 254},
	{Key: "name", Column: "name", Type: TString, Nullable: true, MaxLength: 150},
	{Key: "password", Column: "password", Type: TString, Required: true, MinLength: 8, MaxLength: 128},
}

// How callers authenticate: bearer tokens (jwt, oauth2) and/or the session cookie.
const (
	issueTokens   = true
	sessionCookie = false
)

// tenancySources are where a user's tenants are read from: the rows they own there.
var tenancySources []TenantSource

// Register adds every route of the API, in the contract's order.
func Register(app *fiber.App, h *Handler) {
	app.Post("/auth/register", h.Register)
	app.Post("/auth/login", h.Login)
	app.Post("/auth/refresh", h.Refresh)
	app.Get("/auth/me", h.Me)
	app.Get("/auth/oauth/:provider/authorize", h.OAuthAuthorize)
	app.Post("/auth/oauth/:provider/token", h.OAuthToken)
	registerCategoriesResource(app, h)
	registerTagsResource(app, h)
	registerProductsResource(app, h)
	registerCartsResource(app, h)
	registerCartItemsResource(app, h)
	registerOrdersResource(app, h)
	registerOrderItemsResource(app, h)
	registerPaymentsResource(app, h)
	registerReviewsResource(app, h)
}
