"""The written migrations match the models exactly."""

from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_models_need_no_new_migration() -> None:
    call_command("makemigrations", "api", "--check", "--dry-run", verbosity=0)
