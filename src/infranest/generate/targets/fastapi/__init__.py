"""The FastAPI target: FastAPI, SQLAlchemy 2, Alembic, pydantic v2."""

from infranest.generate.targets.fastapi.render import FastApiTarget

TARGET = FastApiTarget()

__all__ = ["TARGET", "FastApiTarget"]
