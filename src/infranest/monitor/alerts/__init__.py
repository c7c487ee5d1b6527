"""Alerts: rules on any metric, evaluated on ingest and on a schedule, deduplicated, with a
cooldown before repeating, a history, and notifications (webhook, Slack, PagerDuty, email)."""
