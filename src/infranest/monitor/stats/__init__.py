"""Statistics for the monitor: drift tests, multiple testing, quality and performance metrics."""
