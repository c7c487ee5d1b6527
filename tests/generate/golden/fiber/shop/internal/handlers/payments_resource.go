package handlers

import (
	"github.com/gofiber/fiber/v3"
	"gorm.io/gorm"
	"regexp"
)

// paymentsResource describes /payments.
var paymentsResource = Resource{
	Name:  "payment",
	Table: "payments",
	Read: []Field{
		{Key: "id", Column: "id", Type: TID, Required: true, Min: num(1)},
		{Key: "paid_order_id", Column: "paid_order_id", Type: TID, Required: true, Min: num(1)},
		{Key: "customer_id", Column: "customer_id", Type: TID, Required: true, Min: num(1)},
		{Key: "provider_ref", Column: "provider_ref", Type: TString, Required: true, Nullable: true, MaxLength: 64},
		{Key: "amount", Column: "amount", Type: TDecimal, Required: true, Pattern: regexp.MustCompile(`^\d{1,10}(\.\d{1,2})?$`), Min: num(0), Scale: 2},
		{Key: "currency", Column: "currency", Type: TEnum, Required: true, Choices: []string{"eur", "usd", "gbp"}},
		{Key: "status", Column: "status", Type: TEnum, Required: true, Choices: []string{"authorized", "captured", "failed", "refunded"}, Default: "authorized"},
		{Key: "card_last4", Column: "card_last4", Type: TString, Required: true, Nullable: true, MaxLength: 4, Pattern: regexp.MustCompile(`^[0-9]{4}$`)},
		{Key: "created_at", Column: "created_at", Type: TDateTime, Required: true},
		{Key: "updated_at", Column: "updated_at", Type: TDateTime, Required: true},
	},
	Create: []Field{
		{Key: "paid_order_id", Column: "paid_order_id", Type: TID, Required: true, Min: num(1)},
		{Key: "amount", Column: "amount", Type: TDecimal, Required: true, Pattern: regexp.MustCompile(`^\d{1,10}(\.\d{1,2})?$`), Min: num(0), Scale: 2},
		{Key: "currency", Column: "currency", Type: TEnum, Required: true, Choices: []string{"eur", "usd", "gbp"}},
	},
	Update: []Field{
		{Key: "paid_order_id", Column: "paid_order_id", Type: TID, Min: num(1)},
		{Key: "amount", Column: "amount", Type: TDecimal, Pattern: regexp.MustCompile(`^\d{1,10}(\.\d{1,2})?$`), Min: num(0), Scale: 2},
		{Key: "currency", Column: "currency", Type: TEnum, Choices: []string{"eur", "usd", "gbp"}},
	},
	Owner:      "customer_id",
	Timestamps: true,
	Sort:       []string{"amount"},
	Filters: []Filter{
		{Param: "status", Column: "status", Op: "eq", Value: Field{Key: "status", Column: "status", Type: TEnum, Choices: []string{"authorized", "captured", "failed", "refunded"}}},
		{Param: "currency", Column: "currency", Op: "eq", Value: Field{Key: "currency", Column: "currency", Type: TEnum, Choices: []string{"eur", "usd", "gbp"}}},
	},
	Paging: Paging{Mode: "offset", Size: 20, Max: 100},
}

func registerPaymentsResource(app *fiber.App, h *Handler) {
	app.Get("/payments", h.List(&paymentsResource, Op{ID: "list_payments", Principals: []string{"admin"}}))
	app.Post("/payments", h.Create(&paymentsResource, Op{ID: "create_payment", Principals: []string{"customer"}, Limits: []Limit{{Count: 10, Period: 60, Scope: "user"}, {Count: 100, Period: 60, Scope: "ip"}}, Idempotent: true}))
	app.Get("/payments/:id", h.Read(&paymentsResource, Op{ID: "get_payment", Principals: []string{"owner", "admin"}}))
	app.Patch("/payments/:id", h.Update(&paymentsResource, Op{ID: "update_payment", Principals: []string{"admin"}}))
	app.Delete("/payments/:id", h.Delete(&paymentsResource, Op{ID: "delete_payment", Principals: []string{"admin"}}))
	app.Post("/payments/:id/capture", h.ItemAction(&paymentsResource, Op{ID: "payment_capture", Principals: []string{"admin"}, Idempotent: true}, paymentCaptureAction))
}

// paymentCaptureAction is the `capture` action of Payment (item).
func paymentCaptureAction(c fiber.Ctx, tx *gorm.DB, row Row) error {
	// TODO: implement the `capture` action: change the row through tx (e.g.
	// tx.Table(paymentsResource.Table).Where(`"id" = ?`, row["id"]).Updates(...)) or return an
	// *APIError. The answer is the row as it is after this function.
	_, _, _ = c, tx, row
	return nil
}
