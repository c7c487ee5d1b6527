package handlers

import (
	"github.com/gofiber/fiber/v3"
	"regexp"
)

// productsResource describes /products.
var productsResource = Resource{
	Name:  "product",
	Table: "products",
	Read: []Field{
		{Key: "id", Column: "id", Type: TID, Required: true, Min: num(1)},
		{Key: "name", Column: "name", Type: TString, Required: true, MinLength: 2, MaxLength: 120},
		{Key: "sku", Column: "sku", Type: TString, Required: true, MaxLength: 32, Pattern: regexp.MustCompile(`^[A-Z0-9-]{4,32}$`)},
		{Key: "description", Column: "description", Type: TText, Required: true, Nullable: true, MaxLength: 10000},
		{Key: "price", Column: "price", Type: TDecimal, Required: true, Pattern: regexp.MustCompile(`^\d{1,8}(\.\d{1,2})?$`), Min: num(0), Scale: 2},
		{Key: "currency", Column: "currency", Type: TEnum, Required: true, Choices: []string{"eur", "usd", "gbp"}, Default: "eur"},
		{Key: "stock", Column: "stock", Type: TInt, Required: true, Min: num(0), Default: int64(0)},
		{Key: "weight_grams", Column: "weight_grams", Type: TInt, Required: true, Nullable: true, Min: num(1)},
		{Key: "active", Column: "active", Type: TBool, Required: true, Default: true},
		{Key: "image", Column: "image", Type: TURL, Required: true, Nullable: true, MaxLength: 2048},
		{Key: "details", Column: "details", Type: TJSON, Required: true, Nullable: true},
		{Key: "category_id", Column: "category_id", Type: TID, Required: true, Min: num(1)},
		{Key: "tags_ids", Type: TIDs, Required: true, Min: num(1), Join: &Join{Table: "product_tags", Local: "product_id", Remote: "tag_id", Target: "tags"}},
		{Key: "created_at", Column: "created_at", Type: TDateTime, Required: true},
		{Key: "updated_at", Column: "updated_at", Type: TDateTime, Required: true},
		{Key: "version", Column: "version", Type: TInt, Required: true, Min: num(1)},
	},
	Create: []Field{
		{Key: "name", Column: "name", Type: TString, Required: true, MinLength: 2, MaxLength: 120},
		{Key: "sku", Column: "sku", Type: TString, Required: true, MaxLength: 32, Pattern: regexp.MustCompile(`^[A-Z0-9-]{4,32}$`)},
		{Key: "description", Column: "description", Type: TText, Nullable: true, MaxLength: 10000},
		{Key: "price", Column: "price", Type: TDecimal, Required: true, Pattern: regexp.MustCompile(`^\d{1,8}(\.\d{1,2})?$`), Min: num(0), Scale: 2},
		{Key: "currency", Column: "currency", Type: TEnum, Choices: []string{"eur", "usd", "gbp"}, Default: "eur"},
		{Key: "stock", Column: "stock", Type: TInt, Min: num(0), Default: int64(0)},
		{Key: "weight_grams", Column: "weight_grams", Type: TInt, Nullable: true, Min: num(1)},
		{Key: "active", Column: "active", Type: TBool, Default: true},
		{Key: "image", Column: "image", Type: TURL, Nullable: true, MaxLength: 2048},
		{Key: "details", Column: "details", Type: TJSON, Nullable: true},
		{Key: "category_id", Column: "category_id", Type: TID, Required: true, Min: num(1)},
		{Key: "tags_ids", Type: TIDs, Min: num(1), Join: &Join{Table: "product_tags", Local: "product_id", Remote: "tag_id", Target: "tags"}},
	},
	Update: []Field{
		{Key: "name", Column: "name", Type: TString, MinLength: 2, MaxLength: 120},
		{Key: "sku", Column: "sku", Type: TString, MaxLength: 32, Pattern: regexp.MustCompile(`^[A-Z0-9-]{4,32}$`)},
		{Key: "description", Column: "description", Type: TText, Nullable: true, MaxLength: 10000},
		{Key: "price", Column: "price", Type: TDecimal, Pattern: regexp.MustCompile(`^\d{1,8}(\.\d{1,2})?$`), Min: num(0), Scale: 2},
		{Key: "currency", Column: "currency", Type: TEnum, Choices: []string{"eur", "usd", "gbp"}},
		{Key: "stock", Column: "stock", Type: TInt, Min: num(0)},
		{Key: "weight_grams", Column: "weight_grams", Type: TInt, Nullable: true, Min: num(1)},
		{Key: "active", Column: "active", Type: TBool},
		{Key: "image", Column: "image", Type: TURL, Nullable: true, MaxLength: 2048},
		{Key: "details", Column: "details", Type: TJSON, Nullable: true},
		{Key: "category_id", Column: "category_id", Type: TID, Min: num(1)},
		{Key: "tags_ids", Type: TIDs, Min: num(1), Join: &Join{Table: "product_tags", Local: "product_id", Remote: "tag_id", Target: "tags"}},
		{Key: "version", Column: "version", Type: TInt, Required: true, Min: num(1)},
	},
	SoftDelete: true,
	Versioned:  true,
	Timestamps: true,
	Search:     []string{"name", "sku", "description"},
	Sort:       []string{"price", "name", "stock"},
	Filters: []Filter{
		{Param: "category_id", Column: "category_id", Op: "eq", Value: Field{Key: "category_id", Column: "category_id", Type: TID, Min: num(1)}},
		{Param: "active", Column: "active", Op: "eq", Value: Field{Key: "active", Column: "active", Type: TBool}},
		{Param: "price", Column: "price", Op: "eq", Value: Field{Key: "price", Column: "price", Type: TDecimal, Pattern: regexp.MustCompile(`^-?\d{1,8}(\.\d{1,2})?$`), Scale: 2}},
		{Param: "price__gte", Column: "price", Op: "gte", Value: Field{Key: "price__gte", Column: "price__gte", Type: TDecimal, Pattern: regexp.MustCompile(`^-?\d{1,8}(\.\d{1,2})?$`), Scale: 2}},
		{Param: "price__lte", Column: "price", Op: "lte", Value: Field{Key: "price__lte", Column: "price__lte", Type: TDecimal, Pattern: regexp.MustCompile(`^-?\d{1,8}(\.\d{1,2})?$`), Scale: 2}},
		{Param: "currency", Column: "currency", Op: "eq", Value: Field{Key: "currency", Column: "currency", Type: TEnum, Choices: []string{"eur", "usd", "gbp"}}},
	},
	Paging: Paging{Mode: "cursor", Size: 24, Max: 96},
}

func registerProductsResource(app *fiber.App, h *Handler) {
	app.Get("/products", h.List(&productsResource, Op{ID: "list_products", Principals: []string{"anyone"}}))
	app.Post("/products", h.Create(&productsResource, Op{ID: "create_product", Principals: []string{"admin", "staff"}}))
	app.Get("/products/:id", h.Read(&productsResource, Op{ID: "get_product", Principals: []string{"anyone"}}))
	app.Patch("/products/:id", h.Update(&productsResource, Op{ID: "update_product", Principals: []string{"admin", "staff"}}))
	app.Delete("/products/:id", h.Delete(&productsResource, Op{ID: "delete_product", Principals: []string{"admin"}}))
}
