"""The service's test suite."""
