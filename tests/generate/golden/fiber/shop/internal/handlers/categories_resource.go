package handlers

import (
	"github.com/gofiber/fiber/v3"
	"regexp"
)

// categoriesResource describes /categories.
var categoriesResource = Resource{
	Name:  "category",
	Table: "categories",
	Read: []Field{
		{Key: "id", Column: "id", Type: TID, Required: true, Min: num(1)},
		{Key: "name", Column: "name", Type: TString, Required: true, MaxLength: 80},
		{Key: "slug", Column: "slug", Type: TString, Required: true, MaxLength: 80, Pattern: regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)},
		{Key: "position", Column: "position", Type: TInt, Required: true, Min: num(0), Default: int64(0)},
		{Key: "parent_id", Column: "parent_id", Type: TID, Required: true, Nullable: true, Min: num(1)},
	},
	Create: []Field{
		{Key: "name", Column: "name", Type: TString, Required: true, MaxLength: 80},
		{Key: "slug", Column: "slug", Type: TString, Required: true, MaxLength: 80, Pattern: regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)},
		{Key: "position", Column: "position", Type: TInt, Min: num(0), Default: int64(0)},
		{Key: "parent_id", Column: "parent_id", Type: TID, Nullable: true, Min: num(1)},
	},
	Update: []Field{
		{Key: "name", Column: "name", Type: TString, MaxLength: 80},
		{Key: "slug", Column: "slug", Type: TString, MaxLength: 80, Pattern: regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)},
		{Key: "position", Column: "position", Type: TInt, Min: num(0)},
		{Key: "parent_id", Column: "parent_id", Type: TID, Nullable: true, Min: num(1)},
	},
	Search: []string{"name"},
	Sort:   []string{"position", "name"},
	Paging: Paging{Mode: "offset", Size: 20, Max: 100},
}

func registerCategoriesResource(app *fiber.App, h *Handler) {
	app.Get("/categories", h.List(&categoriesResource, Op{ID: "list_categories", Principals: []string{"anyone"}}))
	app.Post("/categories", h.Create(&categoriesResource, Op{ID: "create_category", Principals: []string{"admin", "staff"}}))
	app.Get("/categories/:id", h.Read(&categoriesResource, Op{ID: "get_category", Principals: []string{"anyone"}}))
	app.Patch("/categories/:id", h.Update(&categoriesResource, Op{ID: "update_category", Principals: []string{"admin", "staff"}}))
	app.Delete("/categories/:id", h.Delete(&categoriesResource, Op{ID: "delete_category", Principals: []string{"admin", "staff"}}))
}
