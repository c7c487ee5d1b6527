package middleware

import (
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"
	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the service's Prometheus collectors.
type Metrics struct {
	Registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// NewMetrics registers the HTTP collectors (and the Go runtime's) in a new registry.
func NewMetrics() *Metrics {
	registry := prometheus.NewRegistry()
	m := &Metrics{
		Registry: registry,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "http_requests_total",
			Help: "HTTP requests by method, route and status code.",
		}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "http_request_duration_seconds",
			Help:    "HTTP request latency by method and route.",
			Buckets: prometheus.DefBuckets,
		}, []string{"method", "route"}),
	}
	registry.MustRegister(m.requests, m.duration, prometheus.NewGoCollector())
	return m
}

// NewLogger answers a JSON logger at level (DEBUG, INFO, WARNING, ERROR).
func NewLogger(level string) *slog.Logger {
	var chosen slog.Level
	switch strings.ToUpper(level) {
	case "DEBUG":
		chosen = slog.LevelDebug
	case "WARNING", "WARN":
		chosen = slog.LevelWarn
	case "ERROR":
		chosen = slog.LevelError
	default:
		chosen = slog.LevelInfo
	}
	return slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: chosen}))
}

// Observe logs every request as one JSON line and counts it in the metrics.
func Observe(logger *slog.Logger, metrics *Metrics) fiber.Handler {
	return func(c fiber.Ctx) error {
		start := time.Now()
		err := c.Next()
		if err != nil {
			if handlerErr := c.App().Config().ErrorHandler(c, err); handlerErr != nil {
				return handlerErr
			}
		}
		status := c.Response().StatusCode()
		route := c.Route().Path
		elapsed := time.Since(start)
		metrics.requests.WithLabelValues(c.Method(), route, strconv.Itoa(status)).Inc()
		metrics.duration.WithLabelValues(c.Method(), route).Observe(elapsed.Seconds())
		logger.Info("request",
			"method", c.Method(),
			"path", c.Path(),
			"route", route,
			"status", status,
			"duration_ms", elapsed.Milliseconds(),
			"ip", c.IP(),
		)
		return nil
	}
}
