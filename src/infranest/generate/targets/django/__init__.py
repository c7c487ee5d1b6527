"""The ``django`` target: a Django + Django REST framework service serving the contract."""

from __future__ import annotations

from collections.abc import Mapping

from infranest.generate.formatting import format_python
from infranest.generate.target import Files, ProjectView
from infranest.generate.targets.django.render import render_project


class DjangoTarget:
    name = "django"
    language = "python"

    def render(self, view: ProjectView) -> Files:
        return render_project(view)

    def format(self, files: Mapping[str, str]) -> Files:
        return format_python(files)


TARGET = DjangoTarget()
