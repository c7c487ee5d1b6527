package handlers

import (
	"github.com/gofiber/fiber/v3"
	"gorm.io/gorm"
)

// cartsResource describes /carts.
var cartsResource = Resource{
	Name:  "cart",
	Table: "carts",
	Read: []Field{
		{Key: "id", Column: "id", Type: TID, Required: true, Min: num(1)},
		{Key: "customer_id", Column: "customer_id", Type: TID, Required: true, Min: num(1)},
		{Key: "created_at", Column: "created_at", Type: TDateTime, Required: true},
		{Key: "updated_at", Column: "updated_at", Type: TDateTime, Required: true},
	},
	Create:     []Field{},
	Update:     []Field{},
	Owner:      "customer_id",
	Timestamps: true,
	Paging:     Paging{Mode: "offset", Size: 20, Max: 100},
}

func registerCartsResource(app *fiber.App, h *Handler) {
	app.Get("/carts", h.List(&cartsResource, Op{ID: "list_carts", Principals: []string{"owner"}}))
	app.Post("/carts", h.Create(&cartsResource, Op{ID: "create_cart", Principals: []string{"customer"}}))
	app.Get("/carts/:id", h.Read(&cartsResource, Op{ID: "get_cart", Principals: []string{"owner"}}))
	app.Patch("/carts/:id", h.Update(&cartsResource, Op{ID: "update_cart", Principals: []string{"owner"}}))
	app.Delete("/carts/:id", h.Delete(&cartsResource, Op{ID: "delete_cart", Principals: []string{"admin"}}))
	app.Post("/carts/:id/checkout", h.ItemAction(&cartsResource, Op{ID: "cart_checkout", Principals: []string{"owner"}, Limits: []Limit{{Count: 10, Period: 60, Scope: "user"}, {Count: 100, Period: 60, Scope: "ip"}}, Idempotent: true}, cartCheckoutAction))
}

// cartCheckoutAction is the `checkout` action of Cart (item).
func cartCheckoutAction(c fiber.Ctx, tx *gorm.DB, row Row) error {
	// TODO: implement the `checkout` action: change the row through tx (e.g.
	// tx.Table(cartsResource.Table).Where(`"id" = ?`, row["id"]).Updates(...)) or return an
	// *APIError. The answer is the row as it is after this function.
	_, _, _ = c, tx, row
	return nil
}
