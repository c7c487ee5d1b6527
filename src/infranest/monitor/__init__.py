"""Monitor: ingestion, stores, drift, data quality and model performance, alerts, root
cause and reports for a deployed service's data (docs/monitor.md)."""
