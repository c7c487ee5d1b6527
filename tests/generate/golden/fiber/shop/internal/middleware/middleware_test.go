package middleware

import (
	"context"
	"log/slog"
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	limiter := NewLimiter(true)
	clock := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	limiter.now = func() time.Time { return clock }
	for i := 0; i < 2; i++ {
		if _, ok := limiter.Allow("k", 2, time.Minute); !ok {
			t.Fatal("refused within the limit")
		}
	}
	retry, ok := limiter.Allow("k", 2, time.Minute)
	if ok || retry != 60 {
		t.Fatalf("over the limit: retry %d ok %v", retry, ok)
	}
	clock = clock.Add(time.Minute)
	if _, ok := limiter.Allow("k", 2, time.Minute); !ok {
		t.Fatal("refused in a new window")
	}
	if _, ok := NewLimiter(false).Allow("k", 0, time.Minute); !ok {
		t.Fatal("a disabled limiter refused")
	}
}

func TestLoggerLevels(t *testing.T) {
	for level, want := range map[string]slog.Level{"debug": slog.LevelDebug, "WARNING": slog.LevelWarn, "error": slog.LevelError, "INFO": slog.LevelInfo} {
		logger := NewLogger(level)
		if !logger.Enabled(context.Background(), want) || logger.Enabled(context.Background(), want-1) {
			t.Errorf("%s: wrong level", level)
		}
	}
	if NewMetrics().Registry == nil {
		t.Fatal("no registry")
	}
}
