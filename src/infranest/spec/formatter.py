"""Print a spec as canonical ``.nest`` text: ``parse(format_spec(s)) == s`` for valid specs.

One statement per line, two-space indent, a blank line between definitions, statements in
a fixed order per block, and every comment back at the statement it was anchored to.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from infranest.spec.model import (
    Comment,
    Entity,
    EnumDef,
    FieldDef,
    Flow,
    Integration,
    MLModel,
    MonitorPolicy,
    Pagination,
    Project,
    RateLimit,
    Spec,
)
from infranest.spec.strings import encode_string

INDENT = "  "
Statement = tuple[str, list[str]]  # (anchor, lines without indentation)


def format_spec(spec: Spec) -> str:
    """The canonical text of ``spec``."""
    texts = [_project(spec.project), *map(_enum, spec.enums)]
    texts += [_entity(e) for e in spec.entities if not e.builtin]
    texts += [*map(_flow, spec.flows), *map(_integration, spec.integrations)]
    texts += map(_model, spec.models)
    definitions = list(zip(statement_anchors(spec), texts, strict=True))
    chunks = _with_comments(definitions, spec.comments, separator=True)
    return "\n".join(chunks).rstrip("\n") + "\n"


Block = Spec | Project | EnumDef | Entity | Flow | Integration | MLModel | MonitorPolicy


def statement_anchors(block: Block) -> list[str]:
    """The anchors of the block's statements (a spec's: its definitions) in the order they
    are printed; comments are kept in this order so that formatting does not reorder them."""
    if isinstance(block, Spec):
        return [
            "project",
            *(f"enum:{e.name}" for e in block.enums),
            *(f"entity:{e.name}" for e in block.entities if not e.builtin),
            *(f"flow:{f.name}" for f in block.flows),
            *(f"integration:{i.name}" for i in block.integrations),
            *(f"model:{m.name}" for m in block.models),
        ]
    statements: dict[type, Any] = {
        Project: _project_statements,
        EnumDef: _enum_statements,
        Entity: _entity_statements,
        Flow: _flow_statements,
        Integration: _integration_statements,
        MLModel: _model_statements,
        MonitorPolicy: _monitor_statements,
    }
    return [anchor for anchor, _ in statements[type(block)](block)]


def _with_comments(
    statements: list[Statement], comments: Iterable[Comment], *, separator: bool = False
) -> list[str]:
    """Statement lines with their comments; comments whose anchor is gone go at the end."""
    leading: dict[str, list[str]] = {}
    trailing: dict[str, list[str]] = {}
    for c in comments:
        (trailing if c.trailing else leading).setdefault(c.anchor, []).append(f"#{c.text}")
    out: list[str] = []
    for index, (anchor, lines) in enumerate(statements):
        if separator and index:
            out.append("")
        out.extend(leading.pop(anchor, []))
        body = list(lines)
        notes = trailing.pop(anchor, [])
        if notes:
            # A block's first line carries its header comment; a one-line statement its own.
            body[0 if len(body) > 1 else -1] += "  " + "  ".join(notes)
        out.extend(body)
    rest = [line for anchor in list(leading) for line in leading.pop(anchor)]
    rest += [line for anchor in list(trailing) for line in trailing.pop(anchor)]
    if rest and separator and out:
        out.append("")
    return out + rest


def _block(header: str, statements: list[Statement], comments: tuple[Comment, ...]) -> list[str]:
    head = [c for c in comments if c.anchor == "header"]
    end_trailing = [c for c in comments if c.anchor == "end" and c.trailing]
    inner = [c for c in comments if c.anchor != "header" and not (c.anchor == "end" and c.trailing)]
    first = header + " {" + "".join(f"  #{c.text}" for c in head)
    body = _with_comments(statements, inner)
    last = "}" + "".join(f"  #{c.text}" for c in end_trailing)
    if not body:
        return [
            first + "}" if not head and not end_trailing else first,
            *([] if not head and not end_trailing else [last]),
        ]
    return [first, *(INDENT + line if line else line for line in body), last]


def _titled(keyword: str, name: str, description: str | None) -> str:
    return f"{keyword} {name}" + (
        f" {encode_string(description)}" if description is not None else ""
    )


def _number(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return f"{value:.1f}"
    return repr(value)


def _whole(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


# ---- project ------------------------------------------------------------------------------


def _project(p: Project) -> list[str]:
    return _block(_titled("project", p.name, p.description), _project_statements(p), p.comments)


def _project_statements(p: Project) -> list[Statement]:
    methods = ", ".join(
        m + (f"({', '.join(p.auth.providers)})" if m == "oauth2" and p.auth.providers else "")
        for m in p.auth.methods
    )
    stmts: list[Statement] = [("auth", [f"auth {methods}"])]
    if p.roles:
        stmts.append(("roles", ["roles " + ", ".join(p.roles)]))
    stmts.append(("database", [f"database {p.database}"]))
    if p.target:
        stmts.append(("target", [f"target {p.target}"]))
    if p.tenancy:
        mode = "" if p.tenancy.mode == "row" else f" {p.tenancy.mode}"
        stmts.append(("tenancy", [f"tenancy {p.tenancy.entity}{mode}"]))
    if p.load and any(
        v is not None for v in (p.load.rps, p.load.peak_rps, p.load.users, p.load.read_ratio)
    ):
        items = []
        if p.load.rps is not None:
            items.append(f"rps {_whole(p.load.rps)}")
        if p.load.peak_rps is not None:
            items.append(f"peak {_whole(p.load.peak_rps)}")
        if p.load.users is not None:
            items.append(f"users {p.load.users}")
        if p.load.read_ratio is not None:
            items.append(f"reads {_whole(round(p.load.read_ratio * 100, 10))}%")
        stmts.append(("load", ["load " + ", ".join(items)]))
    if p.growth:
        stmts.append(("growth", [f"growth {_whole(p.growth.rate)}% per {p.growth.period}"]))
    if p.version is not None:
        stmts.append(("version", [f"version {encode_string(p.version)}"]))
    if p.cors:
        stmts.append(("cors", ["cors " + ", ".join(encode_string(c) for c in p.cors)]))
    return stmts


# ---- enums --------------------------------------------------------------------------------


def _enum(e: EnumDef) -> list[str]:
    stmts = _enum_statements(e)
    header = _titled("enum", e.name, e.description)
    values = ", ".join(lines[0] for _, lines in stmts)
    one_line = f"{header} {{ {values} }}" if values else f"{header} {{}}"
    if not e.comments and len(one_line) <= 100:
        return [one_line]
    return _block(header, stmts, e.comments)


def _enum_statements(e: EnumDef) -> list[Statement]:
    return [
        (
            f"value:{v.name}",
            [v.name + (f" {encode_string(v.label)}" if v.label is not None else "")],
        )
        for v in e.values
    ]


# ---- entities -----------------------------------------------------------------------------


def _entity(e: Entity) -> list[str]:
    return _block(_titled("entity", e.name, e.description), _entity_statements(e), e.comments)


def _entity_statements(e: Entity) -> list[Statement]:
    stmts: list[Statement] = [(f"field:{f.name}", [field_line(f)]) for f in e.fields]
    for keyword in ("search", "filter", "sort"):
        names: tuple[str, ...] = getattr(e, keyword)
        if names:
            stmts.append((keyword, [f"{keyword} {', '.join(names)}"]))
    if e.pagination:
        pg = e.pagination
        sizes = f" {pg.size} max {pg.max_size}"
        if pg.style == "none" and (pg.size, pg.max_size) == (
            Pagination().size,
            Pagination().max_size,
        ):
            sizes = ""  # the sizes mean nothing without pagination
        stmts.append(("paginate", [f"paginate {pg.style}{sizes}"]))
    for i, index in enumerate(e.indexes):
        keyword = "unique" if index.unique else "index"
        stmts.append((f"index:{i}", [f"{keyword} ({', '.join(index.fields)})"]))
    for flag in ("timestamps", "soft_delete", "optimistic_lock"):
        if getattr(e, flag):
            stmts.append((flag, [flag]))
    if e.retention:
        stmts.append(("retention", [f"retention {e.retention}"]))
    if e.cache:
        stmts.append(("cache", [f"cache {e.cache}"]))
    if e.rows is not None:
        stmts.append(("rows", [f"rows {e.rows}"]))
    for i, rule in enumerate(e.access):
        ops, who = ", ".join(rule.operations), ", ".join(rule.principals)
        stmts.append((f"allow:{i}", [f"allow {ops}: {who}"]))
    for i, limit in enumerate(e.limits):
        ops = f"{', '.join(limit.operations)}: " if limit.operations else ""
        stmts.append((f"limit:{i}", [f"limit {ops}{_rate(limit)}"]))
    for action in e.actions:
        line = f"action {action.name}: {action.method} on {action.scope}"
        if action.allow:
            line += " by " + ", ".join(action.allow)
        if action.limit:
            line += f" limit {_rate(action.limit)}"
        if action.idempotent:
            line += " idempotent"
        stmts.append((f"action:{action.name}", [line]))
    return stmts


def _rate(limit: RateLimit) -> str:
    return f"{limit.count}/{limit.period} per {limit.scope}"


def field_line(f: FieldDef) -> str:
    """One field as it is written inside an entity block."""
    return f"{f.name}: {field_type(f)}" + "".join(f" {m}" for m in _modifiers(f))


def field_type(f: FieldDef) -> str:
    """The field's type as the DSL writes it: string(200), decimal(10,2), [Tag] via post."""
    if f.type == "relation":
        via = f" via {f.via}" if f.via else ""
        if f.cardinality in ("one_to_many", "many_to_many"):
            return f"[{f.target}]{via}"
        if f.cardinality == "one_to_one":
            return f"one {f.target}{via}"
        return f"{f.target}"
    if f.type == "enum":
        return f"{f.enum}"
    if f.type == "string" and f.length is not None:
        return f"string({f.length})"
    if f.type == "decimal" and f.precision is not None:
        scale = f",{f.scale}" if f.scale is not None else ""
        return f"decimal({f.precision}{scale})"
    return f.type


def _modifiers(f: FieldDef) -> list[str]:
    out: list[str] = []
    flags = ("optional", "unique", "index")
    out += [flag for flag in flags if getattr(f, flag)]
    if f.default is not None:
        out.append("= " + _default(f.default.kind, f.default.value))
    bounds: list[tuple[str, Any]] = [
        ("min", f.min),
        ("max", f.max),
        ("min_length", f.min_length),
        ("max_length", f.max_length),
    ]
    out += [f"{name}({_number(v)})" for name, v in bounds if v is not None]
    if f.pattern is not None:
        out.append(f"pattern({encode_string(f.pattern)})")
    out += [flag for flag in ("readonly", "writeonly", "owner", "tenant") if getattr(f, flag)]
    if f.on_delete:
        out.append(f"on_delete({f.on_delete})")
    if f.pii:
        out.append("pii" if f.pii == "personal" else f"pii({f.pii})")
    if f.retention:
        out.append(f"retention({f.retention})")
    if f.access and f.access.read:
        out.append(f"readable({', '.join(f.access.read)})")
    if f.access and f.access.write:
        out.append(f"writable({', '.join(f.access.write)})")
    return out


def _default(kind: str, value: Any) -> str:
    if kind == "string":
        return encode_string(str(value))
    if kind == "number":
        return _number(value)
    if kind == "bool":
        return "true" if value else "false"
    if kind == "enum":
        return str(value)
    return kind


# ---- flows, integrations, models ----------------------------------------------------------


def _flow(f: Flow) -> list[str]:
    return _block(_titled("flow", f.name, f.description), _flow_statements(f), f.comments)


def _flow_statements(f: Flow) -> list[Statement]:
    stmts: list[Statement] = []
    if f.steps:
        stmts.append(("steps", ["steps " + ", ".join(f.steps)]))
    stmts += [(f"limit:{i}", [f"limit {_rate(limit)}"]) for i, limit in enumerate(f.limits)]
    if f.idempotent:
        stmts.append(("idempotent", ["idempotent"]))
    return stmts


def _integration(i: Integration) -> list[str]:
    return _block(
        _titled("integration", i.name, i.description), _integration_statements(i), i.comments
    )


def _integration_statements(i: Integration) -> list[Statement]:
    stmts: list[Statement] = []
    if i.url is not None:
        stmts.append(("url", [f"url {encode_string(i.url)}"]))
    if i.timeout:
        stmts.append(("timeout", [f"timeout {i.timeout}"]))
    if i.retries is not None:
        backoff = f" backoff {i.backoff}" if i.backoff else ""
        stmts.append(("retries", [f"retries {i.retries}{backoff}"]))
    if i.circuit_breaker:
        stmts.append(("circuit_breaker", ["circuit_breaker"]))
    if i.validate_response:
        stmts.append(("validate_response", ["validate_response"]))
    if i.secret:
        stmts.append(("secret", [f"secret {i.secret}"]))
    if i.used_by:
        stmts.append(("used_by", ["used_by " + ", ".join(i.used_by)]))
    return stmts


def _model(m: MLModel) -> list[str]:
    return _block(_titled("model", m.name, m.description), _model_statements(m), m.comments)


def _model_statements(m: MLModel) -> list[Statement]:
    stmts: list[Statement] = [("task", [f"task {m.task}"])]
    if m.version is not None:
        stmts.append(("model_version", [f"version {encode_string(m.version)}"]))
    if m.entity:
        stmts.append(("on", [f"on {m.entity}"]))
    stmts += [(f"feature:{f.name}", [f"feature {f.name}: {f.type}"]) for f in m.features]
    if m.prediction:
        stmts.append(("prediction", [f"prediction {m.prediction.name}: {m.prediction.type}"]))
    if m.score:
        stmts.append(("score", [f"score {m.score.name}: {m.score.type}"]))
    if m.labels:
        stmts.append(("labels", ["labels"]))
    if m.segments:
        stmts.append(("segments", ["segments " + ", ".join(m.segments)]))
    if m.monitor:
        stmts.append(("monitor", _monitor(m.monitor)))
    return stmts


def _monitor(p: MonitorPolicy) -> list[str]:
    return _block("monitor", _monitor_statements(p), p.comments)


def _monitor_statements(p: MonitorPolicy) -> list[Statement]:
    stmts: list[Statement] = []
    if p.window:
        stmts.append(("window", [f"window {p.window}"]))
    if p.reference is not None:
        stmts.append(("reference", [f"reference {encode_string(p.reference)}"]))
    for i, a in enumerate(p.alerts):
        severity = "" if a.severity == "medium" else f" severity {a.severity}"
        stmts.append((f"alert:{i}", [f"alert {a.metric} {a.op} {_number(a.value)}{severity}"]))
    for i, n in enumerate(p.notify):
        stmts.append((f"notify:{i}", [f"notify {n.kind} {encode_string(n.target)}"]))
    return stmts
