"""The Express target: TypeScript, Express 5, Kysely (SQLite or PostgreSQL), zod."""

from infranest.generate.targets.express.render import ExpressTarget

TARGET = ExpressTarget()

__all__ = ["TARGET", "ExpressTarget"]
