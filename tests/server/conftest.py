"""Fixtures: an app on a fresh SQLite file, and a seeded ``world`` (see server_support)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from server_support import World, make_app, seed


@pytest.fixture
def app(tmp_path: Path) -> FastAPI:
    return make_app(tmp_path)


@pytest.fixture
def world(app: FastAPI) -> World:
    return seed(app)
