"""The Rails target: Rails in API mode, ActiveRecord, minitest (Debian's Rails 6.1 and current)."""

from infranest.generate.targets.rails.render import RailsTarget

TARGET = RailsTarget()

__all__ = ["TARGET", "RailsTarget"]
