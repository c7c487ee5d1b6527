package handlers

import (
	"github.com/gofiber/fiber/v3"
)

// tagsResource describes /tags.
var tagsResource = Resource{
	Name:  "tag",
	Table: "tags",
	Read: []Field{
		{Key: "id", Column: "id", Type: TID, Required: true, Min: num(1)},
		{Key: "label", Column: "label", Type: TString, Required: true, MaxLength: 40},
		{Key: "products_ids", Type: TIDs, Required: true, Min: num(1), Join: &Join{Table: "product_tags", Local: "tag_id", Remote: "product_id", Target: "products"}},
	},
	Create: []Field{
		{Key: "label", Column: "label", Type: TString, Required: true, MaxLength: 40},
		{Key: "products_ids", Type: TIDs, Min: num(1), Join: &Join{Table: "product_tags", Local: "tag_id", Remote: "product_id", Target: "products"}},
	},
	Update: []Field{
		{Key: "label", Column: "label", Type: TString, MaxLength: 40},
		{Key: "products_ids", Type: TIDs, Min: num(1), Join: &Join{Table: "product_tags", Local: "tag_id", Remote: "product_id", Target: "products"}},
	},
	Search: []string{"label"},
	Paging: Paging{Mode: "offset", Size: 20, Max: 100},
}

func registerTagsResource(app *fiber.App, h *Handler) {
	app.Get("/tags", h.List(&tagsResource, Op{ID: "list_tags", Principals: []string{"anyone"}}))
	app.Post("/tags", h.Create(&tagsResource, Op{ID: "create_tag", Principals: []string{"admin", "staff"}}))
	app.Get("/tags/:id", h.Read(&tagsResource, Op{ID: "get_tag", Principals: []string{"anyone"}}))
	app.Patch("/tags/:id", h.Update(&tagsResource, Op{ID: "update_tag", Principals: []string{"admin", "staff"}}))
	app.Delete("/tags/:id", h.Delete(&tagsResource, Op{ID: "delete_tag", Principals: []string{"admin", "staff"}}))
}
