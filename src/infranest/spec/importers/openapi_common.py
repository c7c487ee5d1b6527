"""Shared pieces of the OpenAPI importer: the document, references, pointers and words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from infranest.spec.diagnostics import Diagnostic, warning
from infranest.spec.importers.sql_names import entity_name

UNSUPPORTED = "openapi-unsupported"
HTTP_METHODS: tuple[str, ...] = (
    "get",
    "put",
    "post",
    "delete",
    "options",
    "head",
    "patch",
    "trace",
)
_VERSION_SEGMENT = re.compile(r"^v\d+(\.\d+)*$", re.IGNORECASE)
_NOISE_SEGMENTS = frozenset({"api", "rest"})
# Property names of response envelopes: a schema made only of these wraps data, it is no resource.
ENVELOPE_KEYS = frozenset(
    {
        "message",
        "messages",
        "msg",
        "status",
        "code",
        "error",
        "errors",
        "detail",
        "details",
        "success",
        "data",
        "result",
        "meta",
        "links",
        "count",
        "total",
        "next",
        "previous",
        "page",
        "pages",
    }
)


def as_dict(value: object) -> dict[str, Any]:
    """``value`` when it is a mapping (keys made strings), else an empty one."""
    if not isinstance(value, dict):
        return {}
    return {str(k): v for k, v in value.items()}


def as_list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def pointer(*parts: object) -> str:
    """A JSON pointer ``#/a/b`` from raw parts (``~`` and ``/`` escaped)."""
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return "#/" + "/".join(escaped)


def child(base: str, *parts: object) -> str:
    """``base`` extended by ``parts``."""
    return base + pointer(*parts)[1:]


def entity_word(word: str) -> str:
    """The entity name a path segment or property gives: ``vehicles`` → ``Vehicle``."""
    return entity_name(word)


def match_entity(word: str, names: Iterable[str]) -> str | None:
    """The entity a path segment names: exactly (``orders`` → ``Order``) or as the last word of
    exactly one entity name (``videos`` → ``ProfileVideo``)."""
    options = list(names)
    base = entity_word(word)
    if base in options:
        return base
    hits = [
        n
        for n in options
        if len(n) > len(base) and n.endswith(base) and not n[-len(base) - 1].isupper()
    ]
    return hits[0] if len(hits) == 1 else None


def is_param(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}")


def path_segments(path: str) -> list[str]:
    """The segments of a path without empty ones, ``api`` and version markers (``v1``)."""
    return [
        s
        for s in path.split("/")
        if s and s.lower() not in _NOISE_SEGMENTS and not _VERSION_SEGMENT.match(s)
    ]


class Document:
    """An OpenAPI document being read, and the warnings found while reading it."""

    def __init__(self, data: dict[str, Any], filename: str) -> None:
        self.data = data
        self.filename = filename
        self.warnings: list[Diagnostic] = []
        self.schemas = as_dict(as_dict(data.get("components")).get("schemas"))

    def warn(self, message: str, path: str, hint: str | None = None) -> None:
        self.warnings.append(
            warning(UNSUPPORTED, message, path=path, hint=hint, file=self.filename)
        )

    def resolve(self, node: object, where: str) -> tuple[dict[str, Any], str]:
        """Follow ``$ref`` chains to the node they name; returns it and its pointer."""
        current, here = as_dict(node), where
        seen: set[str] = set()
        while "$ref" in current:
            ref = current["$ref"]
            if not isinstance(ref, str) or not ref.startswith("#/"):
                self.warn(f"reference {ref!r} is not local to this document; ignored", here)
                return {}, here
            if ref in seen:
                self.warn(f"reference cycle through {ref!r}", here)
                return {}, here
            seen.add(ref)
            target: object = self.data
            for raw in ref[2:].split("/"):
                key = raw.replace("~1", "/").replace("~0", "~")
                target = as_dict(target).get(key)
            if not isinstance(target, dict):
                self.warn(f"reference {ref!r} names nothing in this document", here)
                return {}, here
            current, here = as_dict(target), ref
        return current, here

    @staticmethod
    def schema_name(node: object) -> str | None:
        """The component name a ``$ref: '#/components/schemas/X'`` node points to."""
        ref = as_dict(node).get("$ref")
        prefix = "#/components/schemas/"
        if isinstance(ref, str) and ref.startswith(prefix) and "/" not in ref[len(prefix) :]:
            return ref[len(prefix) :].replace("~1", "/").replace("~0", "~")
        return None

    def media_schema(self, content: object, where: str) -> tuple[dict[str, Any] | None, str]:
        """The schema of the preferred media type of a ``content`` map (JSON first)."""
        media = as_dict(content)
        order = sorted(
            media,
            key=lambda m: (
                m != "application/json",
                "json" not in m,
                m not in ("multipart/form-data", "application/x-www-form-urlencoded"),
            ),
        )
        for name in order:
            entry = as_dict(media[name])
            if "schema" in entry:
                return as_dict(entry["schema"]), child(where, name, "schema")
        return None, where

    def request_schema(
        self, operation: dict[str, Any], where: str
    ) -> tuple[dict[str, Any] | None, str]:
        body, body_at = self.resolve(operation.get("requestBody"), child(where, "requestBody"))
        return self.media_schema(body.get("content"), child(body_at, "content"))

    def response_schema(
        self, operation: dict[str, Any], where: str
    ) -> tuple[dict[str, Any] | None, str]:
        """The schema of the first success (2xx) response."""
        responses = as_dict(operation.get("responses"))
        codes = sorted(c for c in responses if c[:1] == "2")
        for code in codes:
            response, at = self.resolve(responses[code], child(where, "responses", code))
            schema, schema_at = self.media_schema(response.get("content"), child(at, "content"))
            if schema is not None:
                return schema, schema_at
        return None, where
