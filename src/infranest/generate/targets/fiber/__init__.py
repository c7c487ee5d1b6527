"""The ``fiber`` generator target (Go, Fiber v3, GORM)."""

from infranest.generate.targets.fiber.render import FiberTarget

TARGET = FiberTarget()

__all__ = ["TARGET", "FiberTarget"]
