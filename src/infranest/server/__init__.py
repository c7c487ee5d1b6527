"""InfraNest's web server: a REST API over the same core functions the CLI calls."""
