"""Importers: real-world formats (JDL, SQL DDL, OpenAPI) turned into a spec."""

from __future__ import annotations

from dataclasses import dataclass

from infranest.spec.diagnostics import Diagnostic
from infranest.spec.model import Spec


@dataclass(frozen=True)
class ImportResult:
    """The spec an importer built and the warnings naming what it could not represent."""

    spec: Spec
    warnings: tuple[Diagnostic, ...] = ()
