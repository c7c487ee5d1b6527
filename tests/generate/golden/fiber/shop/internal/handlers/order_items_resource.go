package handlers

import (
	"github.com/gofiber/fiber/v3"
	"regexp"
)

// orderItemsResource describes /order-items.
var orderItemsResource = Resource{
	Name:  "order_item",
	Table: "order_items",
	Read: []Field{
		{Key: "id", Column: "id", Type: TID, Required: true, Min: num(1)},
		{Key: "parent_order_id", Column: "parent_order_id", Type: TID, Required: true, Min: num(1)},
		{Key: "customer_id", Column: "customer_id", Type: TID, Required: true, Min: num(1)},
		{Key: "product_id", Column: "product_id", Type: TID, Required: true, Min: num(1)},
		{Key: "quantity", Column: "quantity", Type: TInt, Required: true, Min: num(1), Max: num(999)},
		{Key: "unit_price", Column: "unit_price", Type: TDecimal, Required: true, Pattern: regexp.MustCompile(`^\d{1,8}(\.\d{1,2})?$`), Min: num(0), Scale: 2, Default: "0"},
	},
	Create: []Field{
		{Key: "parent_order_id", Column: "parent_order_id", Type: TID, Required: true, Min: num(1)},
		{Key: "product_id", Column: "product_id", Type: TID, Required: true, Min: num(1)},
		{Key: "quantity", Column: "quantity", Type: TInt, Required: true, Min: num(1), Max: num(999)},
	},
	Update: []Field{
		{Key: "parent_order_id", Column: "parent_order_id", Type: TID, Min: num(1)},
		{Key: "product_id", Column: "product_id", Type: TID, Min: num(1)},
		{Key: "quantity", Column: "quantity", Type: TInt, Min: num(1), Max: num(999)},
	},
	Owner:  "customer_id",
	Paging: Paging{Mode: "offset", Size: 20, Max: 100},
}

func registerOrderItemsResource(app *fiber.App, h *Handler) {
	app.Get("/order-items", h.List(&orderItemsResource, Op{ID: "list_order_items", Principals: []string{"owner", "staff", "admin"}}))
	app.Post("/order-items", h.Create(&orderItemsResource, Op{ID: "create_order_item", Principals: []string{"admin"}}))
	app.Get("/order-items/:id", h.Read(&orderItemsResource, Op{ID: "get_order_item", Principals: []string{"owner", "staff", "admin"}}))
	app.Patch("/order-items/:id", h.Update(&orderItemsResource, Op{ID: "update_order_item", Principals: []string{"admin"}}))
	app.Delete("/order-items/:id", h.Delete(&orderItemsResource, Op{ID: "delete_order_item", Principals: []string{"admin"}}))
}
