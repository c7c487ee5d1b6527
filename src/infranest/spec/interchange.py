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


class _Dumper(yaml.SafeDumper):
    """Safe YAML, with strings holding a YAML 1.1 line break (NEL, LS, PS) double-quoted:
    written raw they would be read back as line breaks."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = '"' if any(c in "\x85\u2028\u2029" for c in value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: object) -> str:
    """YAML that reads back as ``data`` (line-separator characters stay quoted)."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def to_yaml(spec: Spec) -> str:
    return dump_yaml(to_data(spec))


def from_data(data: object, filename: str = "<data>") -> Spec:
    """A spec from its JSON/YAML data; every invalid value is reported with its path."""
    try:
        spec = Spec.model_validate(data)
    except ValidationError as exc:
        found: dict[str | None, Diagnostic] = {}
        for e in exc.errors():
            d = _diagnostic(e, data, filename)
            first = found.setdefault(d.path, d)
            if first is not d:  # one value that fits no member of a union: one diagnostic
                found[d.path] = first.model_copy(
                    update={
                        "message": f"{first.message}; or {d.message[:1].lower()}{d.message[1:]}"
                    }
                )
        raise SpecError(list(found.values())) from None
    return finalize(spec)


def _path(e: Any, data: object) -> str:
    """``entities[Order].fields[total].min``: list items by their name when they have one;
    no union member tags (``min.int``), which are not keys of the input."""
    parts: list[str] = []
    node: Any = data
    loc = e["loc"]
    for i, p in enumerate(loc):
        if isinstance(p, int):
            item = node[p] if isinstance(node, list) and 0 <= p < len(node) else None
            name = item.get("name") if isinstance(item, dict) else None
            parts.append(f"[{name}]" if isinstance(name, str) and name else f"[{p}]")
            node = item
        elif isinstance(node, dict) and (
            p in node or (e["type"] == "missing" and i == len(loc) - 1)
        ):
            parts.append(f".{p}")
            node = node.get(p)
    return "".join(parts).lstrip(".")


def _diagnostic(e: Any, data: object, filename: str) -> Diagnostic:
    path = _path(e, data)
    ctx = e.get("ctx") or {}
    hint = "see the JSON Schema (infranest export --format jsonschema)"
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
