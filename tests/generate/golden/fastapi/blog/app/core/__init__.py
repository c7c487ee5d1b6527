"""Settings, security, logging, metrics, limits."""
