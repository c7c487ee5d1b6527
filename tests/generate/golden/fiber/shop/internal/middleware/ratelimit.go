// Package middleware holds the cross-cutting parts of the HTTP stack: rate limits,
// request logs and Prometheus metrics.
package middleware

import (
	"math"
	"sync"
	"time"
)

// Limiter counts calls per key in fixed windows. It lives in the process: behind several
// instances, put a shared store behind Allow.
type Limiter struct {
	enabled bool
	mu      sync.Mutex
	windows map[string]window
	now     func() time.Time
}

type window struct {
	start time.Time
	count int
}

// NewLimiter builds a limiter; a disabled one allows everything.
func NewLimiter(enabled bool) *Limiter {
	return &Limiter{enabled: enabled, windows: map[string]window{}, now: time.Now}
}

// Allow counts a call under key and reports whether it is within count per period; when
// it is not, it also answers the seconds until the window ends.
func (l *Limiter) Allow(key string, count int, period time.Duration) (int, bool) {
	if !l.enabled {
		return 0, true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	current, ok := l.windows[key]
	if !ok || now.Sub(current.start) >= period {
		current = window{start: now}
	}
	if current.count >= count {
		wait := period - now.Sub(current.start)
		return int(math.Ceil(wait.Seconds())), false
	}
	current.count++
	l.windows[key] = current
	return 0, true
}
