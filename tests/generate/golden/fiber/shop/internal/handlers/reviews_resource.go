package handlers

import (
	"github.com/gofiber/fiber/v3"
)

// reviewsResource describes /reviews.
var reviewsResource = Resource{
	Name:  "review",
	Table: "reviews",
	Read: []Field{
		{Key: "id", Column: "id", Type: TID, Required: true, Min: num(1)},
		{Key: "product_id", Column: "product_id", Type: TID, Required: true, Min: num(1)},
		{Key: "author_id", Column: "author_id", Type: TID, Required: true, Min: num(1)},
		{Key: "rating", Column: "rating", Type: TInt, Required: true, Min: num(1), Max: num(5)},
		{Key: "title", Column: "title", Type: TString, Required: true, Nullable: true, MaxLength: 120},
		{Key: "body", Column: "body", Type: TText, Required: true, Nullable: true, MaxLength: 5000},
		{Key: "verified", Column: "verified", Type: TBool, Required: true, Default: false},
		{Key: "created_at", Column: "created_at", Type: TDateTime, Required: true},
		{Key: "updated_at", Column: "updated_at", Type: TDateTime, Required: true},
	},
	Create: []Field{
		{Key: "product_id", Column: "product_id", Type: TID, Required: true, Min: num(1)},
		{Key: "rating", Column: "rating", Type: TInt, Required: true, Min: num(1), Max: num(5)},
		{Key: "title", Column: "title", Type: TString, Nullable: true, MaxLength: 120},
		{Key: "body", Column: "body", Type: TText, Nullable: true, MaxLength: 5000},
	},
	Update: []Field{
		{Key: "product_id", Column: "product_id", Type: TID, Min: num(1)},
		{Key: "rating", Column: "rating", Type: TInt, Min: num(1), Max: num(5)},
		{Key: "title", Column: "title", Type: TString, Nullable: true, MaxLength: 120},
		{Key: "body", Column: "body", Type: TText, Nullable: true, MaxLength: 5000},
	},
	Owner:      "author_id",
	SoftDelete: true,
	Timestamps: true,
	Search:     []string{"title", "body"},
	Sort:       []string{"rating"},
	Filters: []Filter{
		{Param: "product_id", Column: "product_id", Op: "eq", Value: Field{Key: "product_id", Column: "product_id", Type: TID, Min: num(1)}},
		{Param: "rating", Column: "rating", Op: "eq", Value: Field{Key: "rating", Column: "rating", Type: TInt}},
		{Param: "rating__gte", Column: "rating", Op: "gte", Value: Field{Key: "rating__gte", Column: "rating__gte", Type: TInt}},
		{Param: "rating__lte", Column: "rating", Op: "lte", Value: Field{Key: "rating__lte", Column: "rating__lte", Type: TInt}},
		{Param: "verified", Column: "verified", Op: "eq", Value: Field{Key: "verified", Column: "verified", Type: TBool}},
	},
	Paging: Paging{Mode: "offset", Size: 10, Max: 50},
}

func registerReviewsResource(app *fiber.App, h *Handler) {
	app.Get("/reviews", h.List(&reviewsResource, Op{ID: "list_reviews", Principals: []string{"anyone"}}))
	app.Post("/reviews", h.Create(&reviewsResource, Op{ID: "create_review", Principals: []string{"customer"}, Limits: []Limit{{Count: 5, Period: 3600, Scope: "user"}}}))
	app.Get("/reviews/:id", h.Read(&reviewsResource, Op{ID: "get_review", Principals: []string{"anyone"}}))
	app.Patch("/reviews/:id", h.Update(&reviewsResource, Op{ID: "update_review", Principals: []string{"owner", "admin"}}))
	app.Delete("/reviews/:id", h.Delete(&reviewsResource, Op{ID: "delete_review", Principals: []string{"owner", "admin"}}))
}
