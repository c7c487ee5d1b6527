// Command server runs the Online store service: `server migrate` creates the
// schema, `server serve [--port N]` serves HTTP (port 8000 by default).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/gofiber/fiber/v3"

	"shop/internal/app"
	"shop/internal/config"
	"shop/internal/db"
	"shop/internal/middleware"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return errors.New("usage: server migrate | server serve [--host H] [--port N]")
	}
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	conn, err := db.Open(cfg.DatabaseURL)
	if err != nil {
		return err
	}
	switch args[0] {
	case "migrate":
		return db.Migrate(conn)
	case "serve":
		flags := flag.NewFlagSet("serve", flag.ContinueOnError)
		host := flags.String("host", "0.0.0.0", "address to listen on")
		port := flags.Int("port", 8000, "port to listen on")
		if err := flags.Parse(args[1:]); err != nil {
			return err
		}
		if err := db.Migrate(conn); err != nil {
			return err
		}
		logger := middleware.NewLogger(cfg.LogLevel)
		service := app.New(cfg, conn, logger)
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		logger.Info("listening", "host", *host, "port", *port)
		return service.Listen(fmt.Sprintf("%s:%d", *host, *port), fiber.ListenConfig{
			DisableStartupMessage: true,
			GracefulContext:       ctx,
		})
	}
	return fmt.Errorf("unknown command %q", args[0])
}
