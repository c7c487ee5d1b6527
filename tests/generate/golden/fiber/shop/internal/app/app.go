// Package app assembles the HTTP service: middleware, routes and error handling.
package app

import (
	"log/slog"
	"slices"

	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/fiber/v3/middleware/cors"
	"github.com/gofiber/fiber/v3/middleware/recover"
	"gorm.io/gorm"

	shop "shop"
	"shop/internal/config"
	"shop/internal/handlers"
	"shop/internal/middleware"
)

// New builds the service on an open database.
func New(cfg *config.Config, conn *gorm.DB, logger *slog.Logger) *fiber.App {
	app := fiber.New(fiber.Config{
		AppName: cfg.ProjectName,
		// Long query strings (cursors, filters) fit in the request buffer.
		ReadBufferSize: 32 * 1024,
		ErrorHandler:   handlers.ErrorHandler,
		// Methods the service knows of, so that any other one on a route answers 405.
		RequestMethods: append(slices.Clone(fiber.DefaultMethods), "QUERY"),
	})
	metrics := middleware.NewMetrics()
	app.Use(recover.New())
	app.Use(middleware.Observe(logger, metrics))
	app.Use(cors.New(cors.Config{
		AllowOrigins: cfg.CORSOrigins,
		AllowHeaders: []string{"Authorization", "Content-Type", handlers.IdempotencyHeader},
	}))
	h := handlers.New(conn, cfg)
	h.Logger = logger
	app.Get("/health", h.Health)
	app.Get("/ready", h.Ready)
	app.Get("/metrics", handlers.Metrics(metrics.Registry))
	app.Get("/openapi.json", handlers.OpenAPI(shop.OpenAPI))
	handlers.Register(app, h)
	return app
}
