// Command hello is the Fiber ceiling: one JSON route on the Fiber version the generated
// service uses. Usage: hello --port N
package main

import (
	"flag"
	"log"
	"net"
	"strconv"

	"github.com/gofiber/fiber/v3"
)

func main() {
	port := flag.Int("port", 8000, "port to listen on")
	flag.Parse()
	app := fiber.New()
	app.Get("/hello", func(c fiber.Ctx) error {
		return c.JSON(fiber.Map{"message": "hello"})
	})
	log.Fatal(app.Listen(net.JoinHostPort("127.0.0.1", strconv.Itoa(*port))))
}
