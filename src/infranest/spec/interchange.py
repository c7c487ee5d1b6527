"""The spec's machine forms: JSON, YAML and the JSON Schema that describes them.

The JSON form is the model itself: every key is a model field, values at their defaults
are left out, except that the top level always holds ``project`` and ``entities``.
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from pydantic import ValidationError

from infranest.spec.builtins import finalize
from infranest.spec.diagnostics import Diagnostic, SpecError, error
from infranest.spec.model import Loc, Spec

SCHEMA_ID = "https://infranest.dev/schema/spec.schema.json"


def to_data(spec: Spec) -> dict[str, Any]:
    data = spec.model_dump(mode="json", exclude_defaults=True)
    ordered: dict[str, Any] = {
        "project": data.pop("project", {"name": spec.project.name}),
        "entities": data.pop("entities", []),
    }
    ordered.update(data)
    return ordered


def to_json(spec: Spec) -> str:
    return json.dumps(to_data(spec), indent=2, ensure_ascii=False) + "\n"


def to_yaml(spec: Spec) -> str:
    return yaml.safe_dump(to_data(spec), sort_keys=False, allow_unicode=True, width=100)


def from_data(data: object, filename: str = "<data>") -> Spec:
    """A spec from its JSON/YAML data; every invalid value is reported with its path."""
    try:
        spec = Spec.model_validate(data)
    except ValidationError as exc:
        raise SpecError([_diagnostic(e, filename) for e in exc.errors()]) from None
    return finalize(spec)


def _diagnostic(e: Any, filename: str) -> Diagnostic:
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in e["loc"]).lstrip(".")
    ctx = e.get("ctx") or {}
    hint = None
    if "expected" in ctx:
        hint = f"valid: {ctx['expected']}"
    elif e["type"] == "extra_forbidden":
        hint = "remove the key; see the JSON Schema (infranest export --format jsonschema)"
    elif e["type"] == "missing":
        hint = "add the key"
    return error(
        f"schema-{e['type'].replace('_', '-')}",
        e["msg"],
        path=path or "(top)",
        hint=hint,
        file=filename,
    )


def read_data(text: str, filename: str) -> object:
    """Parse JSON or YAML text; syntax errors name the line and column."""
    if filename.endswith(".json"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            at = Loc(file=filename, line=exc.lineno, column=exc.colno)
            raise SpecError(
                [error("bad-json", exc.msg, loc=at, hint="check the JSON syntax near this place")],
                text,
            ) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = Loc(file=filename, line=mark.line + 1, column=mark.column + 1) if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise SpecError(
            [
                error(
                    "bad-yaml",
                    str(problem),
                    loc=where,
                    file=filename,
                    hint="check the YAML syntax near this place",
                )
            ],
            text,
        ) from None


def json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of the spec's JSON and YAML forms."""
    schema = Spec.model_json_schema(mode="serialization", ref_template="#/$defs/{model}")
    defs = schema.get("$defs", {})
    defs.pop("Loc", None)
    for definition in [schema, *defs.values()]:
        definition.get("properties", {}).pop("loc", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "InfraNest spec",
        **{k: v for k, v in schema.items() if k != "title"},
    }
