"""Turn a Lark parse tree of a ``.nest`` file into the spec model.

Words with a fixed set of values (auth methods, modifiers, principals' kinds, units) are
checked here, so a misspelling gets an error with "did you mean" and the valid list. Every
problem is collected; the caller raises them together with the syntax errors.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from typing import Any, cast, get_args

from lark import Token, Tree

from infranest.spec import modifiers
from infranest.spec.builtins import finalize
from infranest.spec.diagnostics import Diagnostic, error, valid_choices
from infranest.spec.model import (
    AlertRule,
    Auth,
    AuthMethod,
    Backoff,
    Comparator,
    Database,
    Duration,
    DurationUnit,
    EnumDef,
    EnumValue,
    Flow,
    Growth,
    GrowthPeriod,
    Integration,
    LimitScope,
    Load,
    Loc,
    MLModel,
    MLTask,
    ModelField,
    MonitorPolicy,
    Notification,
    Notifier,
    Period,
    Project,
    RateLimit,
    Severity,
    Spec,
    Target,
    Tenancy,
)
from infranest.spec.strings import decode_string

Anchored = tuple[str, int, int]  # (anchor, first line, last line) of one statement


def choices(literal: Any) -> tuple[str, ...]:
    return tuple(str(a) for a in get_args(literal))


class Builder:
    """Builds one file's spec; ``errors`` holds what was wrong, ``blocks`` the statement lines
    of each block (used to attach comments)."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.errors: list[Diagnostic] = []
        self.enum_names: set[str] = set()
        self.blocks: dict[tuple[str, ...], BlockLines] = {}

    # ---- locations and errors -------------------------------------------------------------

    def loc(self, item: Tree[Token] | Token) -> Loc:
        if isinstance(item, Token):
            return Loc(
                file=self.filename,
                line=item.line or 1,
                column=item.column or 1,
                end_line=item.end_line,
                end_column=item.end_column,
            )
        meta = item.meta
        if getattr(meta, "empty", True):
            return Loc(file=self.filename, line=1, column=1)
        return Loc(
            file=self.filename,
            line=meta.line,
            column=meta.column,
            end_line=meta.end_line,
            end_column=meta.end_column,
        )

    def fail(self, where: Tree[Token] | Token, code: str, message: str, hint: str) -> None:
        self.errors.append(error(code, message, loc=self.loc(where), hint=hint))

    def word(self, token: Token, literal: Any, what: str, fallback: str) -> str:
        """The token's text if it is one of ``literal``'s values, else an error and fallback."""
        allowed = choices(literal)
        text = str(token)
        if text in allowed:
            return text
        self.fail(
            token,
            "unknown-" + re.sub(r"[^a-z0-9]+", "-", what.lower()),
            f"unknown {what} '{text}'",
            valid_choices(text, allowed),
        )
        return fallback

    def number(self, token: Token) -> int | float:
        """The token's number; an error (and 0) when it is too large to hold."""
        text = str(token)
        try:
            value = float(text) if any(c in text for c in ".eE") else int(text)
        except ValueError:  # more digits than int() converts
            value = math.inf
        if math.isinf(value):
            self.fail(token, "bad-number", "this number is too large", "write a smaller number")
            return 0
        return value

    def integer(self, token: Token, what: str, minimum: int = 0) -> int:
        reported = len(self.errors)
        value = self.number(token)
        if len(self.errors) > reported:
            return max(minimum, 1)
        if isinstance(value, float) or value < minimum:
            self.fail(
                token,
                "bad-number",
                f"{what} must be a whole number of at least {minimum}",
                f"write a whole number such as {max(minimum, 1)}",
            )
            return max(minimum, 1)
        return value

    def duration(self, token: Token) -> Duration:
        text = str(token)
        unit = text.lstrip("0123456789")
        digits = text[: len(text) - len(unit)]
        amount = int(digits) if len(digits) <= 1000 else 0
        if len(digits) > 1000:
            self.fail(token, "bad-number", "this duration is too long", "write a shorter one")
        return Duration(
            amount=amount,
            unit=cast(DurationUnit, unit),
            loc=self.loc(token),
        )

    # ---- the file ---------------------------------------------------------------------------

    def build(self, tree: Tree[Token]) -> Spec:
        definitions = [c for c in tree.children if isinstance(c, Tree)]
        self.enum_names = {str(d.children[0]) for d in definitions if d.data == "enum_def"}
        entity_trees = {str(d.children[0]): d for d in definitions if d.data == "entity"}
        top = BlockLines()
        project: Project | None = None
        parts: dict[str, list[Any]] = {
            "enums": [],
            "entities": [],
            "flows": [],
            "integrations": [],
            "models": [],
        }
        for d in definitions:
            name = str(d.children[0])
            if d.data == "project":
                if project is not None:
                    self.fail(
                        d,
                        "duplicate-project",
                        "a spec has one project block",
                        "merge the two project blocks into one",
                    )
                project = self.project(d)
                top.add("project", d)
            elif d.data == "enum_def":
                parts["enums"].append(self.enum_def(d))
                top.add(f"enum:{name}", d)
            elif d.data == "entity":
                parts["entities"].append(self.entity(d, entity_trees))
                top.add(f"entity:{name}", d)
            elif d.data == "flow":
                parts["flows"].append(self.flow(d))
                top.add(f"flow:{name}", d)
            elif d.data == "integration":
                parts["integrations"].append(self.integration(d))
                top.add(f"integration:{name}", d)
            elif d.data == "ml_model":
                parts["models"].append(self.ml_model(d))
                top.add(f"model:{name}", d)
        self.blocks[()] = top
        self.check_repeats()
        if project is None:
            self.errors.append(
                error(
                    "missing-project",
                    "the spec has no project block",
                    loc=Loc(file=self.filename, line=1, column=1),
                    hint='start the file with: project name "Description" { }',
                )
            )
            project = Project(name="unnamed")
        spec = Spec(project=project, **{k: tuple(v) for k, v in parts.items()})
        return finalize(spec)

    def check_repeats(self) -> None:
        """A statement a block takes once, given twice, is an error (the first would be lost)."""
        for path, lines in self.blocks.items():
            kind = path[-1].split(":")[0] if path else "top"
            for anchor, line, column, first in lines.repeated(
                modifiers.SINGLE_STATEMENTS.get(kind, frozenset())
            ):
                word = "version" if anchor == "model_version" else anchor
                self.errors.append(
                    error(
                        "repeated-statement",
                        f"'{word}' is already given at line {first}; "
                        f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} takes it once",
                        loc=Loc(file=self.filename, line=line, column=column),
                        hint=f"keep one '{word}' statement (merge the two)",
                    )
                )

    def description(self, node: Tree[Token] | Token | None) -> str | None:
        if isinstance(node, Tree):
            return self.string(cast(Token, node.children[0]))
        return None

    def string(self, token: Token) -> str:
        text, problem = decode_string(str(token))
        if problem:
            self.fail(token, "bad-string", problem, 'write a backslash as \\\\ and a quote as \\"')
        return text

    def statements(self, node: Tree[Token], skip: int) -> Iterator[Tree[Token]]:
        for child in node.children[skip:]:
            if isinstance(child, Tree):
                yield child

    # ---- project ----------------------------------------------------------------------------

    def project(self, node: Tree[Token]) -> Project:
        lines = BlockLines.opened(node)
        values: dict[str, Any] = {}
        roles: list[str] = []
        cors: list[str] = []
        for stmt in self.statements(node, 2):
            kind = stmt.data.removesuffix("_stmt")
            lines.add(kind, stmt)
            kids = stmt.children
            if kind == "auth":
                values["auth"] = self.auth(stmt)
            elif kind == "roles":
                roles.extend(self.names(kids[0]))
            elif kind == "database":
                values["database"] = self.word(
                    cast(Token, kids[0]), Database, "database", "postgresql"
                )
            elif kind == "target":
                values["target"] = self.word(cast(Token, kids[0]), Target, "target", "fastapi")
            elif kind == "tenancy":
                mode = "row"
                if kids[1] is not None:
                    mode = self.word(
                        cast(Token, kids[1]), modifiers.TenancyMode, "tenancy mode", "row"
                    )
                values["tenancy"] = Tenancy(
                    entity=str(kids[0]), mode=cast(Any, mode), loc=self.loc(stmt)
                )
            elif kind == "load":
                values["load"] = self.load(stmt)
            elif kind == "growth":
                period = self.word(cast(Token, kids[2]), GrowthPeriod, "growth period", "month")
                values["growth"] = Growth(
                    rate=float(self.number(cast(Token, kids[0]))),
                    period=cast(GrowthPeriod, period),
                    loc=self.loc(stmt),
                )
            elif kind == "version":
                values["version"] = self.string(cast(Token, kids[0]))
            elif kind == "cors":
                cors.extend(self.string(cast(Token, k)) for k in kids)
        self.blocks[("project",)] = lines
        return Project(
            name=str(node.children[0]),
            description=self.description(node.children[1]),
            roles=tuple(roles),
            cors=tuple(cors),
            loc=self.loc(node),
            **values,
        )

    def auth(self, stmt: Tree[Token]) -> Auth:
        methods: list[AuthMethod] = []
        providers: list[str] = []
        for method in self.statements(stmt, 0):
            name = self.word(cast(Token, method.children[0]), AuthMethod, "auth method", "jwt")
            methods.append(cast(AuthMethod, name))
            if len(method.children) > 1:
                providers.extend(self.names(method.children[1]))
        return Auth(methods=tuple(methods), providers=tuple(providers), loc=self.loc(stmt))

    def load(self, stmt: Tree[Token]) -> Load:
        values: dict[str, Any] = {}
        for item in self.statements(stmt, 0):
            key_token, number_token, percent = item.children
            key = self.word(cast(Token, key_token), modifiers.LoadKey, "load figure", "rps")
            number = self.number(cast(Token, number_token))
            if percent is not None and key != "reads":
                self.fail(
                    percent,
                    "bad-load",
                    f"'%' goes with reads only, not with {key}",
                    f"write {key} as a number, e.g. {key} 200",
                )
            if key == "reads":
                values["read_ratio"] = number / 100 if percent is not None else number
            elif key == "users":
                values["users"] = self.integer(cast(Token, number_token), "users")
            else:
                values["peak_rps" if key == "peak" else "rps"] = float(number)
        try:
            return Load(loc=self.loc(stmt), **values)
        except ValueError:
            self.fail(
                stmt,
                "bad-load",
                "load figures must be positive and reads at most 100%",
                "example: load rps 200, peak 1000, users 50000, reads 90%",
            )
            return Load(loc=self.loc(stmt))

    def names(self, node: Tree[Token] | Token | None) -> list[str]:
        if isinstance(node, Tree):
            return [str(t) for t in node.children]
        return []

    # ---- enums ------------------------------------------------------------------------------

    def enum_def(self, node: Tree[Token]) -> EnumDef:
        lines = BlockLines.opened(node)
        values = []
        for value in self.statements(node, 2):
            name = str(value.children[0])
            label = value.children[1]
            lines.add(f"value:{name}", value)
            values.append(
                EnumValue(
                    name=name,
                    loc=self.loc(value),
                    label=self.string(cast(Token, label)) if label else None,
                )
            )
        self.blocks[(f"enum:{node.children[0]}",)] = lines
        return EnumDef(
            name=str(node.children[0]),
            description=self.description(node.children[1]),
            values=tuple(values),
            loc=self.loc(node),
        )

    # ---- entities ---------------------------------------------------------------------------

    def entity(self, node: Tree[Token], entities: dict[str, Tree[Token]]) -> Any:
        from infranest.spec.entity_builder import build_entity

        return build_entity(self, node, entities)

    # ---- flows, integrations, models --------------------------------------------------------

    def rate(self, node: Tree[Token], operations: tuple[str, ...] = ()) -> RateLimit:
        count, period, scope = node.children
        return RateLimit(
            count=self.integer(cast(Token, count), "a rate limit's count", 1),
            period=cast(Period, self.word(cast(Token, period), Period, "rate period", "minute")),
            scope=cast(LimitScope, self.word(cast(Token, scope), LimitScope, "limit scope", "user"))
            if scope is not None
            else "user",
            operations=operations,
            loc=self.loc(node),
        )

    def refs(self, node: Tree[Token]) -> tuple[str, ...]:
        return tuple(".".join(str(t) for t in ref.children) for ref in self.statements(node, 0))

    def flow(self, node: Tree[Token]) -> Flow:
        lines = BlockLines.opened(node)
        steps: list[str] = []
        limits: list[RateLimit] = []
        idempotent = False
        for stmt in self.statements(node, 2):
            if stmt.data == "steps_stmt":
                lines.add("steps", stmt)
                steps.extend(self.refs(cast(Tree[Token], stmt.children[0])))
            elif stmt.data == "flow_limit":
                lines.add(f"limit:{len(limits)}", stmt)
                limits.append(self.rate(cast(Tree[Token], stmt.children[0])))
            else:
                lines.add("idempotent", stmt)
                idempotent = True
        self.blocks[(f"flow:{node.children[0]}",)] = lines
        return Flow(
            name=str(node.children[0]),
            description=self.description(node.children[1]),
            steps=tuple(steps),
            limits=tuple(limits),
            idempotent=idempotent,
            loc=self.loc(node),
        )

    def integration(self, node: Tree[Token]) -> Integration:
        lines = BlockLines.opened(node)
        values: dict[str, Any] = {}
        used_by: list[str] = []
        handlers: dict[str, Callable[[list[Any]], None]] = {
            "url": lambda k: values.__setitem__("url", self.string(k[0])),
            "timeout": lambda k: values.__setitem__("timeout", self.duration(k[0])),
            "retries": lambda k: self.retries(k, values),
            "breaker": lambda k: values.__setitem__("circuit_breaker", True),
            "validate": lambda k: values.__setitem__("validate_response", True),
            "secret": lambda k: values.__setitem__("secret", str(k[0])),
            "used_by": lambda k: used_by.extend(self.refs(k[0])),
        }
        for stmt in self.statements(node, 2):
            kind = stmt.data.removesuffix("_stmt")
            lines.add(modifiers.INTEGRATION_ANCHORS[kind], stmt)
            handlers[kind](list(stmt.children))
        self.blocks[(f"integration:{node.children[0]}",)] = lines
        return Integration(
            name=str(node.children[0]),
            used_by=tuple(used_by),
            description=self.description(node.children[1]),
            loc=self.loc(node),
            **values,
        )

    def retries(self, kids: list[Any], values: dict[str, Any]) -> None:
        values["retries"] = self.integer(kids[0], "retries")
        if kids[1] is not None:
            values["backoff"] = self.word(kids[1], Backoff, "backoff", "exponential")

    def ml_model(self, node: Tree[Token]) -> MLModel:
        name = str(node.children[0])
        lines = BlockLines.opened(node)
        values: dict[str, Any] = {}
        features: list[ModelField] = []
        segments: list[str] = []
        for stmt in self.statements(node, 2):
            kind = stmt.data.removesuffix("_stmt")
            kids = stmt.children
            if kind == "feature":
                lines.add(f"feature:{kids[0]}", stmt)
                features.append(
                    ModelField(name=str(kids[0]), type=str(kids[1]), loc=self.loc(stmt))
                )
                continue
            lines.add(kind, stmt)
            if kind == "task":
                values["task"] = self.word(
                    cast(Token, kids[0]), MLTask, "model task", "classification"
                )
            elif kind == "model_version":
                values["version"] = self.string(cast(Token, kids[0]))
            elif kind == "on":
                values["entity"] = str(kids[0])
            elif kind in ("prediction", "score"):
                values[kind] = ModelField(name=str(kids[0]), type=str(kids[1]), loc=self.loc(stmt))
            elif kind == "labels":
                values["labels"] = True
            elif kind == "segments":
                segments.extend(self.names(kids[0]))
            elif kind == "monitor":
                values["monitor"] = self.monitor(stmt, name)
        self.blocks[(f"model:{name}",)] = lines
        return MLModel(
            name=name,
            description=self.description(node.children[1]),
            features=tuple(features),
            segments=tuple(segments),
            loc=self.loc(node),
            **values,
        )

    def monitor(self, node: Tree[Token], model: str) -> MonitorPolicy:
        lines = BlockLines.opened(node)
        values: dict[str, Any] = {}
        alerts: list[AlertRule] = []
        notify: list[Notification] = []
        for stmt in self.statements(node, 0):
            kids = stmt.children
            if stmt.data == "window_stmt":
                lines.add("window", stmt)
                values["window"] = self.duration(cast(Token, kids[0]))
            elif stmt.data == "reference_stmt":
                lines.add("reference", stmt)
                values["reference"] = self.string(cast(Token, kids[0]))
            elif stmt.data == "alert_stmt":
                lines.add(f"alert:{len(alerts)}", stmt)
                severity = "medium"
                if kids[3] is not None:
                    severity = self.word(cast(Token, kids[3]), Severity, "severity", "medium")
                alerts.append(
                    AlertRule(
                        metric=str(kids[0]),
                        op=cast(Comparator, str(kids[1])),
                        value=float(self.number(cast(Token, kids[2]))),
                        severity=cast(Severity, severity),
                        loc=self.loc(stmt),
                    )
                )
            else:
                lines.add(f"notify:{len(notify)}", stmt)
                kind = self.word(cast(Token, kids[0]), Notifier, "notifier", "webhook")
                notify.append(
                    Notification(
                        kind=cast(Notifier, kind),
                        target=self.string(cast(Token, kids[1])),
                        loc=self.loc(stmt),
                    )
                )
        self.blocks[(f"model:{model}", "monitor")] = lines
        return MonitorPolicy(
            alerts=tuple(alerts), notify=tuple(notify), loc=self.loc(node), **values
        )


class BlockLines:
    """The lines a block spans and the anchor and lines of each of its statements."""

    def __init__(self, first: int = 0, last: int = 10**9) -> None:
        self.first = first
        self.last = last
        self.statements: list[Anchored] = []
        self.starts: list[tuple[str, int, int]] = []  # (anchor, line, column)

    @classmethod
    def opened(cls, node: Tree[Token]) -> BlockLines:
        return cls(node.meta.line, node.meta.end_line)

    def add(self, anchor: str, node: Tree[Token] | Token) -> None:
        if isinstance(node, Token):
            line, column = node.line or 0, node.column or 0
            self.statements.append((anchor, line, node.end_line or line))
        else:
            line, column = node.meta.line, node.meta.column
            self.statements.append((anchor, line, node.meta.end_line))
        self.starts.append((anchor, line, column))

    def repeated(self, single: frozenset[str]) -> list[tuple[str, int, int, int]]:
        """Statements of ``single`` kinds given more than once: (anchor, line, column, first
        line)."""
        seen: dict[str, int] = {}
        found = []
        for anchor, line, column in self.starts:
            if anchor in single and anchor in seen:
                found.append((anchor, line, column, seen[anchor]))
            seen.setdefault(anchor, line)
        return found
