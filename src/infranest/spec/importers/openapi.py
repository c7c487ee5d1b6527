"""OpenAPI 3.0/3.1 documents → a spec, with a warning for everything left out.

Which schemas are entities:

1. Object schemas of ``components.schemas`` (with properties of their own or by ``allOf``),
   except wrappers: names ending in Request, Response, Input, Output, Form, Payload, Body,
   Params, Result, Error(s), List, Page or Collection; schemas used only as request bodies
   (``NewProduct``); schemas whose properties are all envelope words (``message``,
   ``status``, ``data``...); a schema holding one list named like itself
   (``ServiceRequests: {service_requests: [...]}``). Each wrapper gets a warning. String
   enums there become enums; scalar and array schemas are inlined where referenced.
2. Resources the paths imply (``/users/{id}``, a GET returning a list of inline objects,
   a POST to ``add_x``/``new-x``, a register or ``me`` endpoint → ``User``), named by the
   singular of their segment or list property, their fields taken from inline bodies.
3. Nested inline objects with an ``id`` (``openapi_entities``).

An entity's fields are the union of its schema and the bodies of the operations tied to it
(``openapi_paths``), merged as ``openapi_entities`` describes. ``id`` is the implicit
primary key. Types and constraints: ``openapi_fields``; API shape and access:
``openapi_assemble``. The user entity's ``password`` is dropped: credentials are generated.
Names that would break generated code are renamed (``openapi_names``).

The project takes its name (snake case), first description line and version from ``info``;
auth from ``securitySchemes``: http bearer → jwt, apiKey → apikey (in a cookie → session),
oauth2 and openIdConnect → oauth2 with providers named by their URLs' domains (else the
scheme name), none → ``none``. Roles are not derived. Servers, tags, external docs,
examples and descriptions of properties are documentation and are not kept.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlparse

import yaml

from infranest.spec.builtins import finalize
from infranest.spec.diagnostics import SpecError, error
from infranest.spec.importers import ImportResult
from infranest.spec.importers.openapi_assemble import Assembler
from infranest.spec.importers.openapi_common import Document, as_dict, as_list, pointer
from infranest.spec.importers.openapi_entities import Collector, Draft, wrapper_reason
from infranest.spec.importers.openapi_fields import EnumRegistry, FieldMapper, json_type
from infranest.spec.importers.openapi_names import Renamer
from infranest.spec.importers.openapi_paths import infer_resources, read_operations
from infranest.spec.model import Auth, AuthMethod, Loc, Project, Spec
from infranest.spec.names import to_pascal, to_snake

__all__ = ["import_openapi", "import_openapi_text", "looks_like_openapi"]


def looks_like_openapi(data: object) -> bool:
    """Whether ``data`` is an OpenAPI 3.x document (a top-level ``openapi: 3.x``)."""
    return isinstance(data, dict) and str(data.get("openapi", "")).startswith("3.")


def import_openapi_text(text: str, filename: str) -> ImportResult:
    """Read an OpenAPI document written in YAML or JSON and import it."""
    return import_openapi(_load(text, filename), filename)


def import_openapi(data: dict[str, Any], filename: str = "<string>") -> ImportResult:
    """Build a spec from a parsed OpenAPI 3.0/3.1 document.

    Raises SpecError when ``data`` is not an OpenAPI 3.x document.
    """
    _check_version(data, filename)
    doc = Document(data, filename)
    project = _project(doc)
    collector = Collector(doc, {}, {})
    enum_schemas = _components(doc, collector)
    ops = read_operations(doc, project.auth.enabled)
    for name, at in infer_resources(doc, ops, list(collector.drafts)):
        collector.drafts[name] = Draft(name=name, at=at, origin="path")
    for draft in list(collector.drafts.values()):
        if draft.origin == "component":
            collector.merge(draft, {"$ref": draft.at}, draft.at, force=True)
    assembler = Assembler(doc, collector, project.auth.enabled)
    assembler.apply(ops)
    for name in as_dict(data.get("webhooks")):
        doc.warn(f"webhook {name!r} not represented", pointer("webhooks", name))
    enums = EnumRegistry(set(collector.drafts))
    for name, schema in enum_schemas:
        at = pointer("components", "schemas", name)
        enums.add(to_pascal(name), as_list(schema.get("enum")), at, _first_line(schema))
    entities = assembler.build(FieldMapper(doc, enums))
    spec = Spec(project=project, enums=tuple(enums.defs.values()), entities=tuple(entities))
    renamer = Renamer(filename, {**assembler.places, **enums.places})
    spec = renamer.apply(spec)
    warnings = tuple(dict.fromkeys([*doc.warnings, *renamer.warnings]))
    return ImportResult(spec=finalize(spec), warnings=warnings)


def _load(text: str, filename: str) -> dict[str, Any]:
    """Parse JSON (text starting with ``{``) or YAML; errors carry line and column."""
    try:
        data = json.loads(text) if text.lstrip().startswith("{") else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        loc = Loc(file=filename, line=exc.lineno, column=exc.colno)
        raise SpecError(
            [error("openapi-syntax", f"malformed JSON: {exc.msg}", loc=loc, file=filename)], text
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = (
            None if mark is None else Loc(file=filename, line=mark.line + 1, column=mark.column + 1)
        )
        problem = getattr(exc, "problem", None) or str(exc)
        raise SpecError(
            [error("openapi-syntax", f"malformed YAML: {problem}", loc=where, file=filename)], text
        ) from exc
    if not isinstance(data, dict):
        raise SpecError(
            [
                error(
                    "openapi-not-document",
                    "an OpenAPI document is a mapping at the top level",
                    file=filename,
                )
            ],
            text,
        )
    return {str(k): v for k, v in data.items()}


def _check_version(data: dict[str, Any], filename: str) -> None:
    if looks_like_openapi(data):
        return
    if "swagger" in data:
        message = f"Swagger {data['swagger']} documents are not supported; only OpenAPI 3.0/3.1"
        hint = "convert it to OpenAPI 3 first (e.g. with swagger2openapi)"
        raise SpecError(
            [error("openapi-version", message, path="#/swagger", hint=hint, file=filename)]
        )
    if "openapi" in data:
        message = f"OpenAPI {data['openapi']} is not supported; only OpenAPI 3.0/3.1"
        raise SpecError([error("openapi-version", message, path="#/openapi", file=filename)])
    raise SpecError(
        [
            error(
                "openapi-not-document",
                "not an OpenAPI document: no top-level 'openapi' key",
                hint="an OpenAPI 3 document starts with 'openapi: 3.0.3' or 'openapi: 3.1.0'",
                file=filename,
            )
        ]
    )


def _first_line(node: dict[str, Any]) -> str | None:
    text = node.get("description")
    if not isinstance(text, str) or not text.strip():
        return None
    return text.strip().splitlines()[0].strip()


def _project(doc: Document) -> Project:
    info = as_dict(doc.data.get("info"))
    title = info.get("title")
    version = info.get("version")
    return Project(
        name=to_snake(str(title)) if title else "api",
        description=_first_line(info),
        version=None if version is None else str(version),
        auth=_auth(doc),
    )


def _auth(doc: Document) -> Auth:
    methods: list[AuthMethod] = []
    providers: list[str] = []
    schemes = as_dict(as_dict(doc.data.get("components")).get("securitySchemes"))
    for name, raw in schemes.items():
        scheme, at = doc.resolve(raw, pointer("components", "securitySchemes", name))
        kind = scheme.get("type")
        method: AuthMethod | None = None
        if kind == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
            method = "jwt"
        elif kind == "apiKey":
            method = "session" if scheme.get("in") == "cookie" else "apikey"
        elif kind in ("oauth2", "openIdConnect"):
            method = "oauth2"
            providers.append(_provider(name, scheme))
        if method is None:
            detail = f"{kind} {scheme.get('scheme', '')}".strip()
            doc.warn(f"security scheme {name!r} ({detail}) not representable", at)
        elif method not in methods:
            methods.append(method)
    return Auth(methods=tuple(methods) or ("none",), providers=tuple(dict.fromkeys(providers)))


def _provider(name: str, scheme: dict[str, Any]) -> str:
    """The identity provider of an OAuth2/OpenID scheme: its URLs' domain (``google`` for
    ``accounts.google.com``), else the scheme's name."""
    urls = [scheme.get("openIdConnectUrl")] + [
        as_dict(flow).get(key)
        for flow in as_dict(scheme.get("flows")).values()
        for key in ("authorizationUrl", "tokenUrl")
    ]
    for url in urls:
        host = urlparse(url).hostname if isinstance(url, str) else None
        labels = [p for p in (host or "").split(".") if p and p != "www"]
        if len(labels) >= 2:
            return to_snake(labels[-2])
    return to_snake(name)


def _components(doc: Document, collector: Collector) -> list[tuple[str, dict[str, Any]]]:
    """Drafts for the entity schemas; returns the string enum schemas."""
    requested, elsewhere = _ref_uses(doc)
    enums: list[tuple[str, dict[str, Any]]] = []
    for name, raw in doc.schemas.items():
        at = pointer("components", "schemas", name)
        if "$ref" in as_dict(raw):
            continue  # an alias: references to it resolve to its target
        schema = as_dict(raw)
        values = as_list(schema.get("enum"))
        strings = all(isinstance(v, str) for v in values if v is not None)
        if values and strings and json_type(schema) in (None, "string"):
            enums.append((name, schema))
            continue
        props, _, _ = collector.object_props(schema, at)
        if not props:
            if "oneOf" in schema or "anyOf" in schema:
                doc.warn(f"schema {name}: oneOf/anyOf alternatives not representable", at)
            continue
        reason = wrapper_reason(doc, name, schema, name in requested and name not in elsewhere)
        if reason is not None:
            doc.warn(f"schema {name} is not an entity: {reason}", at)
            continue
        entity = to_pascal(name)
        collector.drafts[entity] = Draft(entity, at, "component", description=_first_line(schema))
        collector.refs[name] = entity
    return enums


def _ref_uses(doc: Document) -> tuple[set[str], set[str]]:
    """Component schemas referenced inside request bodies, and elsewhere (``allOf`` parts,
    being composition, count for neither)."""
    requested: set[str] = set()
    elsewhere: set[str] = set()

    def walk(node: object, in_request: bool, parent: str) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, in_request, parent)
        elif isinstance(node, dict):
            name = Document.schema_name(node)
            if name is not None and parent != "allOf":
                (requested if in_request else elsewhere).add(name)
            for key, value in node.items():
                walk(value, in_request or key in ("requestBody", "requestBodies"), str(key))

    walk(doc.data, False, "")
    return requested, elsewhere
