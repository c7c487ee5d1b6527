package handlers

import (
	"github.com/gofiber/fiber/v3"
)

// cartItemsResource describes /cart-items.
var cartItemsResource = Resource{
	Name:  "cart_item",
	Table: "cart_items",
	Read: []Field{
		{Key: "id", Column: "id", Type: TID, Required: true, Min: num(1)},
		{Key: "cart_id", Column: "cart_id", Type: TID, Required: true, Min: num(1)},
		{Key: "customer_id", Column: "customer_id", Type: TID, Required: true, Min: num(1)},
		{Key: "product_id", Column: "product_id", Type: TID, Required: true, Min: num(1)},
		{Key: "quantity", Column: "quantity", Type: TInt, Required: true, Min: num(1), Max: num(99), Default: int64(1)},
		{Key: "created_at", Column: "created_at", Type: TDateTime, Required: true},
		{Key: "updated_at", Column: "updated_at", Type: TDateTime, Required: true},
	},
	Create: []Field{
		{Key: "cart_id", Column: "cart_id", Type: TID, Required: true, Min: num(1)},
		{Key: "product_id", Column: "product_id", Type: TID, Required: true, Min: num(1)},
		{Key: "quantity", Column: "quantity", Type: TInt, Min: num(1), Max: num(99), Default: int64(1)},
	},
	Update: []Field{
		{Key: "cart_id", Column: "cart_id", Type: TID, Min: num(1)},
		{Key: "product_id", Column: "product_id", Type: TID, Min: num(1)},
		{Key: "quantity", Column: "quantity", Type: TInt, Min: num(1), Max: num(99)},
	},
	Owner:      "customer_id",
	Timestamps: true,
	Paging:     Paging{Mode: "offset", Size: 20, Max: 100},
}

func registerCartItemsResource(app *fiber.App, h *Handler) {
	app.Get("/cart-items", h.List(&cartItemsResource, Op{ID: "list_cart_items", Principals: []string{"owner"}}))
	app.Post("/cart-items", h.Create(&cartItemsResource, Op{ID: "create_cart_item", Principals: []string{"customer"}}))
	app.Get("/cart-items/:id", h.Read(&cartItemsResource, Op{ID: "get_cart_item", Principals: []string{"owner"}}))
	app.Patch("/cart-items/:id", h.Update(&cartItemsResource, Op{ID: "update_cart_item", Principals: []string{"owner"}}))
	app.Delete("/cart-items/:id", h.Delete(&cartItemsResource, Op{ID: "delete_cart_item", Principals: []string{"owner"}}))
}
