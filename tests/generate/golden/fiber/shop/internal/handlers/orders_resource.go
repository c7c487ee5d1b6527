package handlers

import (
	"github.com/gofiber/fiber/v3"
	"gorm.io/gorm"
	"regexp"
)

// ordersResource describes /orders.
var ordersResource = Resource{
	Name:  "order",
	Table: "orders",
	Read: []Field{
		{Key: "id", Column: "id", Type: TID, Required: true, Min: num(1)},
		{Key: "number", Column: "number", Type: TString, Required: true, Nullable: true, MaxLength: 20},
		{Key: "customer_id", Column: "customer_id", Type: TID, Required: true, Min: num(1)},
		{Key: "status", Column: "status", Type: TEnum, Required: true, Choices: []string{"pending", "paid", "packed", "shipped", "delivered", "cancelled", "refunded"}, Default: "pending"},
		{Key: "subtotal", Column: "subtotal", Type: TDecimal, Required: true, Pattern: regexp.MustCompile(`^\d{1,10}(\.\d{1,2})?$`), Min: num(0), Scale: 2, Default: "0"},
		{Key: "shipping_fee", Column: "shipping_fee", Type: TDecimal, Required: true, Pattern: regexp.MustCompile(`^\d{1,8}(\.\d{1,2})?$`), Min: num(0), Scale: 2, Default: "0"},
		{Key: "total", Column: "total", Type: TDecimal, Required: true, Pattern: regexp.MustCompile(`^\d{1,10}(\.\d{1,2})?$`), Min: num(0), Scale: 2, Default: "0"},
		{Key: "currency", Column: "currency", Type: TEnum, Required: true, Choices: []string{"eur", "usd", "gbp"}, Default: "eur"},
		{Key: "ship_to_name", Column: "ship_to_name", Type: TString, Required: true, MaxLength: 120},
		{Key: "ship_to_address", Column: "ship_to_address", Type: TText, Required: true},
		{Key: "phone", Column: "phone", Type: TString, Required: true, Nullable: true, MaxLength: 20, Pattern: regexp.MustCompile(`^\+?[0-9 ]{6,20}$`)},
		{Key: "note", Column: "note", Type: TText, Required: true, Nullable: true, MaxLength: 500},
		{Key: "placed_at", Column: "placed_at", Type: TDateTime, Required: true, DefaultFn: "now"},
		{Key: "created_at", Column: "created_at", Type: TDateTime, Required: true},
		{Key: "updated_at", Column: "updated_at", Type: TDateTime, Required: true},
		{Key: "version", Column: "version", Type: TInt, Required: true, Min: num(1)},
	},
	Create: []Field{
		{Key: "currency", Column: "currency", Type: TEnum, Choices: []string{"eur", "usd", "gbp"}, Default: "eur"},
		{Key: "ship_to_name", Column: "ship_to_name", Type: TString, Required: true, MaxLength: 120},
		{Key: "ship_to_address", Column: "ship_to_address", Type: TText, Required: true},
		{Key: "phone", Column: "phone", Type: TString, Nullable: true, MaxLength: 20, Pattern: regexp.MustCompile(`^\+?[0-9 ]{6,20}$`)},
		{Key: "note", Column: "note", Type: TText, Nullable: true, MaxLength: 500},
	},
	Update: []Field{
		{Key: "currency", Column: "currency", Type: TEnum, Choices: []string{"eur", "usd", "gbp"}},
		{Key: "ship_to_name", Column: "ship_to_name", Type: TString, MaxLength: 120},
		{Key: "ship_to_address", Column: "ship_to_address", Type: TText},
		{Key: "phone", Column: "phone", Type: TString, Nullable: true, MaxLength: 20, Pattern: regexp.MustCompile(`^\+?[0-9 ]{6,20}$`)},
		{Key: "note", Column: "note", Type: TText, Nullable: true, MaxLength: 500},
		{Key: "version", Column: "version", Type: TInt, Required: true, Min: num(1)},
	},
	Owner:      "customer_id",
	Versioned:  true,
	Timestamps: true,
	Search:     []string{"number"},
	Sort:       []string{"placed_at", "total"},
	Filters: []Filter{
		{Param: "status", Column: "status", Op: "eq", Value: Field{Key: "status", Column: "status", Type: TEnum, Choices: []string{"pending", "paid", "packed", "shipped", "delivered", "cancelled", "refunded"}}},
		{Param: "customer_id", Column: "customer_id", Op: "eq", Value: Field{Key: "customer_id", Column: "customer_id", Type: TID, Min: num(1)}},
		{Param: "placed_at", Column: "placed_at", Op: "eq", Value: Field{Key: "placed_at", Column: "placed_at", Type: TDateTime}},
		{Param: "placed_at__gte", Column: "placed_at", Op: "gte", Value: Field{Key: "placed_at__gte", Column: "placed_at__gte", Type: TDateTime}},
		{Param: "placed_at__lte", Column: "placed_at", Op: "lte", Value: Field{Key: "placed_at__lte", Column: "placed_at__lte", Type: TDateTime}},
	},
	Paging: Paging{Mode: "cursor", Size: 20, Max: 100},
}

func registerOrdersResource(app *fiber.App, h *Handler) {
	app.Get("/orders", h.List(&ordersResource, Op{ID: "list_orders", Principals: []string{"owner", "staff", "admin"}}))
	app.Post("/orders", h.Create(&ordersResource, Op{ID: "create_order", Principals: []string{"customer"}, Limits: []Limit{{Count: 20, Period: 3600, Scope: "user"}, {Count: 10, Period: 60, Scope: "user"}, {Count: 100, Period: 60, Scope: "ip"}}, Idempotent: true}))
	app.Get("/orders/:id", h.Read(&ordersResource, Op{ID: "get_order", Principals: []string{"owner", "staff", "admin"}}))
	app.Patch("/orders/:id", h.Update(&ordersResource, Op{ID: "update_order", Principals: []string{"staff", "admin"}}))
	app.Delete("/orders/:id", h.Delete(&ordersResource, Op{ID: "delete_order", Principals: []string{"admin"}}))
	app.Post("/orders/:id/cancel", h.ItemAction(&ordersResource, Op{ID: "order_cancel", Principals: []string{"owner", "staff"}, Limits: []Limit{{Count: 5, Period: 60, Scope: "user"}}, Idempotent: true}, orderCancelAction))
	app.Post("/orders/:id/ship", h.ItemAction(&ordersResource, Op{ID: "order_ship", Principals: []string{"staff"}}, orderShipAction))
	app.Post("/orders/:id/refund", h.ItemAction(&ordersResource, Op{ID: "order_refund", Principals: []string{"admin"}, Idempotent: true}, orderRefundAction))
}

// orderCancelAction is the `cancel` action of Order (item).
func orderCancelAction(c fiber.Ctx, tx *gorm.DB, row Row) error {
	// TODO: implement the `cancel` action: change the row through tx (e.g.
	// tx.Table(ordersResource.Table).Where(`"id" = ?`, row["id"]).Updates(...)) or return an
	// *APIError. The answer is the row as it is after this function.
	_, _, _ = c, tx, row
	return nil
}

// orderShipAction is the `ship` action of Order (item).
func orderShipAction(c fiber.Ctx, tx *gorm.DB, row Row) error {
	// TODO: implement the `ship` action: change the row through tx (e.g.
	// tx.Table(ordersResource.Table).Where(`"id" = ?`, row["id"]).Updates(...)) or return an
	// *APIError. The answer is the row as it is after this function.
	_, _, _ = c, tx, row
	return nil
}

// orderRefundAction is the `refund` action of Order (item).
func orderRefundAction(c fiber.Ctx, tx *gorm.DB, row Row) error {
	// TODO: implement the `refund` action: change the row through tx (e.g.
	// tx.Table(ordersResource.Table).Where(`"id" = ?`, row["id"]).Updates(...)) or return an
	// *APIError. The answer is the row as it is after this function.
	_, _, _ = c, tx, row
	return nil
}
