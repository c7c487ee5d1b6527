"""The JDL parse tree as plain typed values, with each javadoc attached to what it documents."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from lark import Token, Tree

from infranest.spec.importers.jdl_syntax import ParsedJdl, token_loc, tree_loc
from infranest.spec.model import Loc

ConfigValue = str | int | float | tuple[str, ...]
# What may stand between a javadoc and the declaration it documents.
_GAP = re.compile(r"(?:\s|//[^\n]*|/\*[\s\S]*?\*/|#[^\n]*)*")
# What may stand between a field and a javadoc that trails it on the same line.
_SAME_LINE_GAP = re.compile(r"[ \t]*")
# `use` option values and the option each one stands for (JHipster 8).
_USE_VALUES = {
    "mapstruct": "dto",
    "serviceClass": "service",
    "serviceImpl": "service",
    "pagination": "paginate",
    "infinite-scroll": "paginate",
    "elasticsearch": "search",
    "couchbase": "search",
}


@dataclass(frozen=True)
class Named:
    """A word of the source and where it stands."""

    value: str
    loc: Loc


@dataclass(frozen=True)
class Annotation:
    name: str
    value: str | int | float | None
    loc: Loc


@dataclass(frozen=True)
class Validation:
    """``kind`` is required, unique, min, max, minlength, ..., pattern; ``argument`` the
    token inside the parentheses, if any (a number, a constant name, a regex or a string)."""

    kind: str
    argument: Token | None
    loc: Loc


@dataclass(frozen=True)
class JdlField:
    name: Named
    type: Named
    validations: tuple[Validation, ...]
    annotations: tuple[Annotation, ...]
    doc: str | None


@dataclass(frozen=True)
class JdlEntity:
    name: Named
    table: Named | None
    fields: tuple[JdlField, ...]
    annotations: tuple[Annotation, ...]
    doc: str | None


@dataclass(frozen=True)
class JdlEnumValue:
    name: Named
    label: str | None
    doc: str | None


@dataclass(frozen=True)
class JdlEnum:
    name: Named
    values: tuple[JdlEnumValue, ...]
    doc: str | None


@dataclass(frozen=True)
class RelationshipSide:
    entity: Named
    field: Named | None
    display: str | None
    required: bool
    annotations: tuple[Annotation, ...]
    doc: str | None


@dataclass(frozen=True)
class JdlRelationship:
    kind: Named
    source: RelationshipSide
    target: RelationshipSide
    methods: tuple[Named, ...]


@dataclass(frozen=True)
class Selection:
    """Entities an option names: a list, or all (``*``/``all``) less the exclusions."""

    names: tuple[Named, ...]
    everything: bool
    excluded: tuple[Named, ...]


@dataclass(frozen=True)
class JdlOption:
    """An option declaration: ``name`` (paginate, dto, filter, ...), ``value`` for binary ones."""

    name: str
    value: str | None
    selection: Selection
    loc: Loc


@dataclass(frozen=True)
class ConfigEntry:
    key: Named
    value: ConfigValue
    loc: Loc


@dataclass(frozen=True)
class JdlApplication:
    config: tuple[ConfigEntry, ...]
    entities: Selection | None
    options: tuple[JdlOption, ...]
    doc: str | None
    loc: Loc


@dataclass(frozen=True)
class JdlDeployment:
    config: tuple[ConfigEntry, ...]
    loc: Loc


@dataclass(frozen=True)
class JdlConstant:
    name: Named
    value: int | float


@dataclass(frozen=True)
class JdlDocument:
    entities: tuple[JdlEntity, ...] = ()
    enums: tuple[JdlEnum, ...] = ()
    relationships: tuple[JdlRelationship, ...] = ()
    options: tuple[JdlOption, ...] = ()
    applications: tuple[JdlApplication, ...] = ()
    deployments: tuple[JdlDeployment, ...] = ()
    constants: tuple[JdlConstant, ...] = ()


def build_document(parsed: ParsedJdl, filename: str) -> JdlDocument:
    """Turn the parse tree into a JdlDocument."""
    return _Builder(parsed, filename).document()


def clean_javadoc(raw: str) -> str | None:
    """The text of a ``/** ... */`` comment without its markers and leading stars."""
    body = raw[3:-2] if raw.startswith("/**") and raw.endswith("*/") else raw
    lines = [re.sub(r"^\s*\*? ?", "", line).rstrip() for line in body.splitlines()]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    text = "\n".join(lines).strip()
    return text or None


@dataclass
class _Docs:
    """Finds the javadoc before a declaration, or trailing a field on its line."""

    text: str
    javadocs: tuple[Token, ...]
    _used: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._ends = [_end(t) for t in self.javadocs]
        self._starts = [_start(t) for t in self.javadocs]

    def before(self, start: int) -> str | None:
        index = bisect.bisect_right(self._ends, start) - 1
        if index < 0 or index in self._used:
            return None
        if _GAP.fullmatch(self.text, self._ends[index], start) is None:
            return None
        self._used.add(index)
        return clean_javadoc(str(self.javadocs[index]))

    def after(self, end: int) -> str | None:
        index = bisect.bisect_left(self._starts, end)
        if index >= len(self.javadocs) or index in self._used:
            return None
        if _SAME_LINE_GAP.fullmatch(self.text, end, self._starts[index]) is None:
            return None
        self._used.add(index)
        return clean_javadoc(str(self.javadocs[index]))


def _start(item: Token | Tree[Token]) -> int:
    if isinstance(item, Token):
        return item.start_pos or 0
    return item.meta.start_pos


def _end(item: Token | Tree[Token]) -> int:
    if isinstance(item, Token):
        return item.end_pos or 0
    return item.meta.end_pos


class _Builder:
    def __init__(self, parsed: ParsedJdl, filename: str) -> None:
        self.filename = filename
        self.docs = _Docs(parsed.text, parsed.javadocs)
        self.tree = parsed.tree

    def named(self, token: Token) -> Named:
        return Named(str(token), token_loc(token, self.filename))

    def document(self) -> JdlDocument:
        entities: list[JdlEntity] = []
        enums: list[JdlEnum] = []
        relationships: list[JdlRelationship] = []
        options: list[JdlOption] = []
        applications: list[JdlApplication] = []
        deployments: list[JdlDeployment] = []
        constants: list[JdlConstant] = []
        for item in self.tree.children:
            assert isinstance(item, Tree)
            kind = str(item.data)
            if kind == "entity":
                entities.append(self.entity(item))
            elif kind == "enum":
                enums.append(self.enum(item))
            elif kind == "relationship":
                relationships.extend(self.relationship(item))
            elif kind == "application":
                applications.append(self.application(item))
            elif kind == "deployment":
                deployments.append(self.deployment(item))
            elif kind == "constant":
                constants.append(self.constant(item))
            else:
                options.extend(self.option(item))
        return JdlDocument(
            entities=tuple(entities),
            enums=tuple(enums),
            relationships=tuple(relationships),
            options=tuple(options),
            applications=tuple(applications),
            deployments=tuple(deployments),
            constants=tuple(constants),
        )

    # ---- entities ----------------------------------------------------------------------

    def entity(self, tree: Tree[Token]) -> JdlEntity:
        doc = self.docs.before(_start(tree))
        annotations = tuple(self.annotation(t) for t in _trees(tree, "annotation"))
        name = self.named(_tokens(tree)[0])
        table = next((self.named(_tokens(t)[0]) for t in _trees(tree, "table_name")), None)
        fields: list[JdlField] = []
        for body in _trees(tree, "entity_body"):
            fields.extend(self.field(t) for t in _trees(body, "field"))
        return JdlEntity(name, table, tuple(fields), annotations, doc)

    def field(self, tree: Tree[Token]) -> JdlField:
        doc = self.docs.before(_start(tree))
        trailing = self.docs.after(_end(tree))
        names = _tokens(tree)
        validations = tuple(
            self.validation(t)
            for t in tree.children
            if isinstance(t, Tree) and t.data != "annotation"
        )
        annotations = tuple(self.annotation(t) for t in _trees(tree, "annotation"))
        return JdlField(
            self.named(names[0]), self.named(names[1]), validations, annotations, trailing or doc
        )

    def validation(self, tree: Tree[Token]) -> Validation:
        loc = tree_loc(tree, self.filename)
        kind = str(tree.data)
        if kind == "bound":
            keyword_tree, argument = tree.children
            assert isinstance(keyword_tree, Tree)
            assert isinstance(argument, Token)
            return Validation(str(_tokens(keyword_tree)[0]), argument, loc)
        argument_token = next(iter(_tokens(tree)), None)
        return Validation(kind, argument_token, loc)

    def annotation(self, tree: Tree[Token]) -> Annotation:
        tokens = _tokens(tree)
        value: str | int | float | None = None
        if len(tokens) > 1:
            value = _literal(tokens[1])
        return Annotation(str(tokens[0]), value, tree_loc(tree, self.filename))

    # ---- enums -------------------------------------------------------------------------

    def enum(self, tree: Tree[Token]) -> JdlEnum:
        doc = self.docs.before(_start(tree))
        name = self.named(_tokens(tree)[0])
        values = tuple(self.enum_value(t) for t in _trees(tree, "enum_value"))
        return JdlEnum(name, values, doc)

    def enum_value(self, tree: Tree[Token]) -> JdlEnumValue:
        doc = self.docs.before(_start(tree))
        trailing = self.docs.after(_end(tree))
        tokens = _tokens(tree)
        label = _unquote(str(tokens[1])) if len(tokens) > 1 else None
        return JdlEnumValue(self.named(tokens[0]), label, trailing or doc)

    # ---- relationships -----------------------------------------------------------------

    def relationship(self, tree: Tree[Token]) -> tuple[JdlRelationship, ...]:
        kind = self.named(_tokens(tree)[0])
        return tuple(self.relationship_body(kind, t) for t in _trees(tree, "relationship_body"))

    def relationship_body(self, kind: Named, tree: Tree[Token]) -> JdlRelationship:
        source, target = (self.side(t) for t in _trees(tree, "relationship_side"))
        methods = tuple(
            self.named(token)
            for t in _trees(tree, "relationship_methods")
            for token in _tokens(t)
            if token.type == "NAME"
        )
        return JdlRelationship(kind, source, target, methods)

    def side(self, tree: Tree[Token]) -> RelationshipSide:
        doc = self.docs.before(_start(tree))
        annotations = tuple(self.annotation(t) for t in _trees(tree, "annotation"))
        entity = self.named(_tokens(tree)[0])
        injected = next(iter(_trees(tree, "injected_field")), None)
        if injected is None:
            return RelationshipSide(entity, None, None, False, annotations, doc)
        name = self.named(_tokens(injected)[0])
        display = next((str(_tokens(t)[0]) for t in _trees(injected, "display_field")), None)
        required = bool(_trees(injected, "required_side"))
        return RelationshipSide(entity, name, display, required, annotations, doc)

    # ---- options -----------------------------------------------------------------------

    def option(self, tree: Tree[Token]) -> tuple[JdlOption, ...]:
        loc = tree_loc(tree, self.filename)
        selection = self.selection(tree)
        if tree.data == "use_option":
            values = [str(t) for t in _tokens(tree)]
            return tuple(JdlOption(_USE_VALUES.get(v, "use"), v, selection, loc) for v in values)
        keyword = str(_tokens(_trees(tree, "unary_keyword", "binary_keyword")[0])[0])
        value_tokens = [t for t in _tokens(tree) if t.type in ("NAME", "STRING")]
        value = _unquote(str(value_tokens[0])) if value_tokens else None
        return (JdlOption(keyword, value, selection, loc),)

    def selection(self, tree: Tree[Token]) -> Selection:
        listed = _tokens(_trees(tree, "entity_list")[0])
        excluded = tuple(self.named(t) for e in _trees(tree, "exclusion") for t in _tokens(e))
        everything = any(t.type == "STAR" or str(t) == "all" for t in listed)
        names = tuple(self.named(t) for t in listed if t.type == "NAME" and str(t) != "all")
        return Selection(names, everything, excluded)

    # ---- applications, deployments, constants ------------------------------------------

    def application(self, tree: Tree[Token]) -> JdlApplication:
        doc = self.docs.before(_start(tree))
        config = tuple(
            self.config_entry(e)
            for block in _trees(tree, "application_config")
            for e in _trees(block, "config_entry")
        )
        entities = next((self.selection(t) for t in _trees(tree, "application_entities")), None)
        options = tuple(
            o
            for t in _trees(tree, "unary_option", "binary_option", "use_option")
            for o in self.option(t)
        )
        return JdlApplication(config, entities, options, doc, tree_loc(tree, self.filename))

    def deployment(self, tree: Tree[Token]) -> JdlDeployment:
        config = tuple(self.config_entry(e) for e in _trees(tree, "config_entry"))
        return JdlDeployment(config, tree_loc(tree, self.filename))

    def config_entry(self, tree: Tree[Token]) -> ConfigEntry:
        key, raw = tree.children
        assert isinstance(key, Token)
        value: ConfigValue
        if isinstance(raw, Token):
            value = _literal(raw)
        elif raw.data == "qualified_name":
            value = ".".join(str(t) for t in _tokens(raw))
        else:
            value = tuple(str(_literal(t)) for t in _tokens(raw))
        return ConfigEntry(self.named(key), value, tree_loc(tree, self.filename))

    def constant(self, tree: Tree[Token]) -> JdlConstant:
        name, value = _tokens(tree)
        number = _literal(value)
        assert not isinstance(number, str)
        return JdlConstant(self.named(name), number)


def _trees(tree: Tree[Token], *names: str) -> list[Tree[Token]]:
    return [c for c in tree.children if isinstance(c, Tree) and c.data in names]


def _tokens(tree: Tree[Token]) -> list[Token]:
    return [c for c in tree.children if isinstance(c, Token)]


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _literal(token: Token) -> str | int | float:
    if token.type == "INT":
        return int(token)
    if token.type == "DECIMAL":
        return float(token)
    return _unquote(str(token))
