"""Read a spec from any input InfraNest accepts, detecting the format.

``.nest`` (the DSL), the spec's own JSON/YAML form, OpenAPI 3.x (JSON/YAML), JHipster JDL
(``.jdl``, ``.jh``) and SQL DDL (``.sql``). A file with another suffix is recognised by
its content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from infranest.spec.diagnostics import Diagnostic, SpecError, error
from infranest.spec.model import Spec

FORMATS = ("nest", "json", "yaml", "openapi", "jdl", "sql")


@dataclass(frozen=True)
class Loaded:
    """A spec read from ``path`` in ``format``; ``diagnostics`` holds import warnings and,
    when validated, every validation finding."""

    spec: Spec
    format: str
    source: str
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)


def detect_format(path: Path, text: str) -> str:
    """``nest``, ``spec-data`` (JSON/YAML of the model or OpenAPI), ``jdl`` or ``sql``."""
    suffix = path.suffix.lower()
    if suffix == ".nest":
        return "nest"
    if suffix in (".json", ".yaml", ".yml"):
        return "data"
    if suffix in (".jdl", ".jh"):
        return "jdl"
    if suffix in (".sql", ".ddl"):
        return "sql"
    head = text.lstrip()[:4000]
    if head.startswith(("{", "---", "openapi:", "swagger:")) or re.match(r"^[\w\"']+\s*:", head):
        return "data"
    if re.search(r"\bcreate\s+(table|type|index)\b", head, re.IGNORECASE):
        return "sql"
    if re.search(r"^\s*(relationship|application)\b", text, re.MULTILINE):
        return "jdl"
    return "nest"


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError(
            [error("no-such-file", f"no such file: {path}", file=str(path), hint="check the path")]
        ) from None
    except UnicodeDecodeError as exc:
        raise SpecError(
            [
                error(
                    "not-utf8",
                    f"not UTF-8 text (byte {exc.start})",
                    file=str(path),
                    hint="save the file as UTF-8",
                )
            ]
        ) from None
    except OSError as exc:
        raise SpecError(
            [
                error(
                    "unreadable",
                    f"cannot read {path}: {exc.strerror}",
                    file=str(path),
                    hint="check the path and its permissions",
                )
            ]
        ) from None


def load_text(text: str, filename: str, *, validate: bool = True) -> Loaded:
    """The spec in ``text``; raises SpecError when it cannot be read at all."""
    kind = detect_format(Path(filename), text)
    warnings: tuple[Diagnostic, ...] = ()
    if kind == "nest":
        from infranest.spec.parser import parse

        spec = parse(text, filename)
        fmt = "nest"
    elif kind == "data":
        spec, fmt, warnings = _load_data(text, filename)
    elif kind == "jdl":
        from infranest.spec.importers.jdl import import_jdl

        result = import_jdl(text, filename)
        spec, fmt, warnings = result.spec, "jdl", result.warnings
    else:
        from infranest.spec.importers.sql import import_sql

        result = import_sql(text, filename)
        spec, fmt, warnings = result.spec, "sql", result.warnings
    found = warnings + (_validate(spec) if validate else ())
    return Loaded(spec=spec, format=fmt, source=text, diagnostics=found)


def load(path: str | Path, *, validate: bool = True) -> Loaded:
    """The spec in the file at ``path``, in any format InfraNest reads."""
    file = Path(path)
    return load_text(read_text(file), str(file), validate=validate)


def _load_data(text: str, filename: str) -> tuple[Spec, str, tuple[Diagnostic, ...]]:
    from infranest.spec.interchange import from_data, read_data

    data = read_data(text, filename)
    if isinstance(data, dict) and ("openapi" in data or "swagger" in data):
        from infranest.spec.importers.openapi import import_openapi_text

        result = import_openapi_text(text, filename)
        return result.spec, "openapi", result.warnings
    fmt = "json" if filename.endswith(".json") else "yaml"
    return from_data(data, filename), fmt, ()


def _validate(spec: Spec) -> tuple[Diagnostic, ...]:
    from infranest.spec.validate import validate

    found: tuple[Diagnostic, ...] = validate(spec)
    return found
