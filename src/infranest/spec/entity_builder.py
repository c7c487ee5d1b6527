"""Build one ``entity`` block: its fields with their types and modifiers, and its statements."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from lark import Token, Tree

from infranest.spec import modifiers
from infranest.spec.diagnostics import valid_choices
from infranest.spec.model import (
    SCALAR_TYPES,
    AccessRule,
    Action,
    ActionScope,
    Cardinality,
    Default,
    Duration,
    Entity,
    FieldAccess,
    FieldDef,
    HttpMethod,
    Index,
    OnDelete,
    Pagination,
    PaginationStyle,
    PiiCategory,
)

if TYPE_CHECKING:
    from infranest.spec.builder import BlockLines, Builder


def build_entity(b: Builder, node: Tree[Token], entities: dict[str, Tree[Token]]) -> Entity:
    from infranest.spec.builder import BlockLines

    name = str(node.children[0])
    lines = BlockLines.opened(node)
    values: dict[str, Any] = {}
    lists: dict[str, list[Any]] = {
        k: []
        for k in ("fields", "search", "filter", "sort", "indexes", "access", "actions", "limits")
    }
    for stmt in b.statements(node, 2):
        _statement(b, stmt, name, entities, lines, values, lists)
    b.blocks[(f"entity:{name}",)] = lines
    return Entity(
        name=name,
        description=b.description(node.children[1]),
        loc=b.loc(node),
        **{k: tuple(v) for k, v in lists.items()},
        **values,
    )


def _statement(
    b: Builder,
    stmt: Tree[Token],
    entity: str,
    entities: dict[str, Tree[Token]],
    lines: BlockLines,
    values: dict[str, Any],
    lists: dict[str, list[Any]],
) -> None:
    kind = stmt.data.removesuffix("_stmt")
    kids = stmt.children
    if kind == "field":
        field = build_field(b, stmt, entity, entities)
        lines.add(f"field:{field.name}", stmt)
        lists["fields"].append(field)
    elif kind in ("search", "filter", "sort"):
        lines.add(kind, stmt)
        lists[kind].extend(b.names(kids[0]))
    elif kind in ("index", "unique"):
        lines.add(f"index:{len(lists['indexes'])}", stmt)
        lists["indexes"].append(
            Index(fields=tuple(b.names(kids[0])), unique=kind == "unique", loc=b.loc(stmt))
        )
    elif kind == "flag":
        lines.add(str(kids[0]), stmt)
        values[str(kids[0])] = True
    elif kind == "paginate":
        lines.add("paginate", stmt)
        values["pagination"] = _pagination(b, stmt)
    elif kind == "allow":
        lines.add(f"allow:{len(lists['access'])}", stmt)
        for rule in b.statements(stmt, 0):
            ops, principals = rule.children
            lists["access"].append(
                AccessRule(
                    operations=tuple(b.names(ops)),
                    principals=tuple(b.names(principals)),
                    loc=b.loc(rule),
                )
            )
    elif kind == "action":
        action = _action(b, stmt)
        lines.add(f"action:{action.name}", stmt)
        lists["actions"].append(action)
    elif kind == "limit":
        lines.add(f"limit:{len(lists['limits'])}", stmt)
        lists["limits"].append(b.rate(cast(Tree[Token], kids[1]), tuple(b.names(kids[0]))))
    elif kind in ("retention", "cache"):
        lines.add(kind, stmt)
        values[kind] = b.duration(cast(Token, kids[0]))
    elif kind == "rows":
        lines.add("rows", stmt)
        values["rows"] = b.integer(cast(Token, kids[0]), "rows")


def _pagination(b: Builder, stmt: Tree[Token]) -> Pagination:
    style_token, size, maximum = stmt.children
    style = b.word(cast(Token, style_token), PaginationStyle, "pagination style", "offset")
    values: dict[str, Any] = {"style": style}
    if size is not None:
        values["size"] = b.integer(cast(Token, size), "page size", 1)
    if maximum is not None:
        values["max_size"] = b.integer(cast(Token, maximum), "maximum page size", 1)
    return Pagination(loc=b.loc(stmt), **values)


def _action(b: Builder, stmt: Tree[Token]) -> Action:
    name, method, scope, allow, rate, idempotent = stmt.children
    values: dict[str, Any] = {}
    if method is not None:
        values["method"] = b.word(cast(Token, method), HttpMethod, "HTTP method", "post")
    if scope is not None:
        values["scope"] = b.word(cast(Token, scope), ActionScope, "action scope", "item")
    if rate is not None:
        values["limit"] = b.rate(cast(Tree[Token], rate))
    return Action(
        name=str(name),
        allow=tuple(b.names(allow)),
        idempotent=idempotent is not None,
        loc=b.loc(stmt),
        **values,
    )


# ---- fields ------------------------------------------------------------------------------


def build_field(
    b: Builder, stmt: Tree[Token], entity: str, entities: dict[str, Tree[Token]]
) -> FieldDef:
    name_node, type_node, *mods = stmt.children
    name = str(cast(Tree[Token], name_node).children[0])
    values = _type(b, cast(Tree[Token], type_node), entity, entities)
    access: dict[str, tuple[str, ...]] = {}
    for mod in mods:
        if isinstance(mod, Tree) and mod.data == "mod_default":
            is_enum = values["type"] == "enum"
            values["default"] = _default(b, cast(Tree[Token], mod.children[0]), is_enum)
        elif isinstance(mod, Tree):
            _modifier(b, mod, values, access)
    if access:
        values["access"] = FieldAccess(**access)
    return FieldDef(name=name, loc=b.loc(stmt), **values)


def _type(
    b: Builder, node: Tree[Token], entity: str, entities: dict[str, Tree[Token]]
) -> dict[str, Any]:
    target = str(node.children[0])
    if node.data == "one_type":
        via = node.children[1]
        return {
            "type": "relation",
            "target": target,
            "cardinality": "one_to_one",
            "via": str(via) if via is not None else None,
        }
    if node.data == "many_type":
        via = node.children[1]
        cardinality: Cardinality = "many_to_many"
        if via is not None and _points_back(entities.get(target), str(via)):
            cardinality = "one_to_many"
        return {
            "type": "relation",
            "target": target,
            "cardinality": cardinality,
            "via": str(via) if via is not None else None,
        }
    params = node.children[1]
    numbers = [cast(Token, t) for t in params.children] if isinstance(params, Tree) else []
    if target in SCALAR_TYPES:
        return _scalar(b, node, target, numbers)
    if numbers:
        b.fail(
            node, "unknown-type", f"unknown type '{target}'", valid_choices(target, SCALAR_TYPES)
        )
        return {"type": "string"}
    if target in b.enum_names:
        return {"type": "enum", "enum": target}
    return {"type": "relation", "target": target, "cardinality": "many_to_one"}


def _points_back(target: Tree[Token] | None, via: str) -> bool:
    """Whether field ``via`` of the target entity is a to-one reference (so ``[T] via x`` is
    one-to-many rather than many-to-many)."""
    if target is None:
        return False
    for stmt in target.children[2:]:
        if isinstance(stmt, Tree) and stmt.data == "field":
            name = str(cast(Tree[Token], stmt.children[0]).children[0])
            type_node = cast(Tree[Token], stmt.children[1])
            if name == via:
                return type_node.data == "named_type" and str(type_node.children[0]) not in (
                    SCALAR_TYPES
                )
    return False


def _scalar(b: Builder, node: Tree[Token], name: str, numbers: list[Token]) -> dict[str, Any]:
    values: dict[str, Any] = {"type": name}
    if name == "string" and len(numbers) <= 1:
        if numbers:
            values["length"] = b.integer(numbers[0], "a string's length", 1)
        return values
    if name == "decimal" and len(numbers) <= 2:
        if numbers:
            values["precision"] = b.integer(numbers[0], "a decimal's precision", 1)
        if len(numbers) == 2:
            values["scale"] = b.integer(numbers[1], "a decimal's scale", 0)
        return values
    if numbers:
        usage = {"string": "string(120)", "decimal": "decimal(10,2)"}
        b.fail(
            node,
            "bad-type-parameters",
            f"type '{name}' takes {'no' if name not in usage else 'fewer'} parameters",
            f"write {usage.get(name, name)}",
        )
    return values


def _default(b: Builder, value: Tree[Token], is_enum: bool) -> Default:
    """The default a ``= value`` modifier gives; on an enum field every bare word but
    ``null`` names a member (an enum may have a member called ``now`` or ``true``)."""
    token = cast(Token, value.children[0])
    loc = b.loc(token)
    if token.type == "NUMBER":
        return Default(kind="number", value=b.number(token), loc=loc)
    if token.type == "STRING":
        return Default(kind="string", value=b.string(token), loc=loc)
    word = str(token)
    if is_enum and word != "null":
        return Default(kind="enum", value=word, loc=loc)
    if word in ("true", "false"):
        return Default(kind="bool", value=word == "true", loc=loc)
    if word in ("now", "today", "uuid", "null"):
        return Default(kind=cast(Any, word), loc=loc)
    return Default(kind="enum", value=word, loc=loc)


def _modifier(
    b: Builder, mod: Tree[Token], values: dict[str, Any], access: dict[str, tuple[str, ...]]
) -> None:
    name_token = cast(Token, mod.children[0])
    name = str(name_token)
    args = [a for a in mod.children[1:] if a is not None]
    tokens = [a.children[0] if isinstance(a, Tree) else a for a in args]
    kind = modifiers.FIELD_MODIFIERS.get(name)
    if kind is None:
        b.fail(
            name_token,
            "unknown-modifier",
            f"unknown field modifier '{name}'",
            valid_choices(name, [*modifiers.FIELD_MODIFIERS, "= value"]),
        )
        return
    arg = _argument(b, name_token, kind, [cast(Token, t) for t in tokens])
    if arg is _BAD:
        return
    if name in ("readable", "writable"):
        access["read" if name == "readable" else "write"] = cast(tuple[str, ...], arg)
    elif name == "on_delete":
        values[name] = b.word(cast(Token, arg), OnDelete, "on_delete behaviour", "restrict")
    elif name == "pii":
        values[name] = (
            "personal"
            if arg is None
            else b.word(cast(Token, arg), PiiCategory, "PII category", "personal")
        )
    elif kind == "flag":
        values[name] = True
    else:
        values[name] = arg


_BAD = object()
_USAGE = {
    "number": "one number, e.g. min(0)",
    "int": "one whole number, e.g. max_length(200)",
    "string": 'one quoted string, e.g. pattern("^[A-Z]+$")',
    "word": "one name, e.g. on_delete(cascade)",
    "names": "one or more names, e.g. readable(admin, owner)",
    "duration": "one duration, e.g. retention(90d)",
    "optional_word": "nothing or one name, e.g. pii(contact)",
    "flag": "no arguments",
}


def _argument(b: Builder, where: Token, kind: str, tokens: list[Token]) -> Any:
    """The modifier's argument in the form its kind wants, or ``_BAD`` after an error."""
    types = [t.type for t in tokens]
    ok = {
        "flag": types == [],
        "number": types == ["NUMBER"],
        "int": types == ["NUMBER"] and not any(c in str(tokens[0]) for c in ".eE-"),
        "string": types == ["STRING"],
        "word": types == ["NAME"],
        "names": bool(types) and all(t == "NAME" for t in types),
        "duration": types == ["DURATION"],
        "optional_word": types in ([], ["NAME"]),
    }[kind]
    if not ok:
        b.fail(
            where,
            "bad-modifier-argument",
            f"'{where}' takes {_USAGE[kind]}",
            f"write {where!s}{'' if kind == 'flag' else '(...)'} with {_USAGE[kind]}",
        )
        return _BAD
    if kind in ("number", "int"):
        return b.number(tokens[0])
    if kind == "string":
        return b.string(tokens[0])
    if kind == "names":
        return tuple(str(t) for t in tokens)
    if kind == "duration":
        return _duration(b, tokens[0])
    if kind in ("word", "optional_word"):
        return tokens[0] if tokens else None
    return True


def _duration(b: Builder, token: Token) -> Duration:
    return b.duration(token)
