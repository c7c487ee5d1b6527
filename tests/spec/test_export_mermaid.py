"""The Mermaid ER diagram: columns, keys and one crow's-foot line per relation."""

from __future__ import annotations

import re
from typing import Any

from infranest.spec.builtins import finalize
from infranest.spec.exporters.mermaid import to_mermaid
from infranest.spec.model import (
    Auth,
    Cardinality,
    Entity,
    EnumDef,
    EnumValue,
    FieldDef,
    Index,
    Project,
    Spec,
)

WORD = r"[A-Za-z_][A-Za-z0-9_\-\[\]\(\)]*"
KEYS = r"(?:PK|FK|UK)(?:, (?:PK|FK|UK))*"
ATTRIBUTE = re.compile(
    rf'^ {{8}}(?P<type>{WORD}) (?P<name>{WORD})(?: (?P<keys>{KEYS}))?(?: "(?P<comment>[^"]*)")?$'
)
MARKERS = r"[|}][o|]--[o|][|{]"
RELATION = re.compile(
    rf'^ {{4}}(?P<left>{WORD}) (?P<markers>{MARKERS}) (?P<right>{WORD}) : "(?P<label>{WORD})"$'
)


def rel(name: str, target: str, card: Cardinality, **kw: Any) -> FieldDef:
    return FieldDef(name=name, type="relation", target=target, cardinality=card, **kw)


def spec(*entities: Entity, auth: bool = False) -> Spec:
    methods: tuple[Any, ...] = ("jwt",) if auth else ("none",)
    return finalize(
        Spec(
            project=Project(name="p", auth=Auth(methods=methods)),
            enums=(EnumDef(name="Status", values=(EnumValue(name="open"),)),),
            entities=entities,
        )
    )


def relations(text: str) -> list[tuple[str, str, str, str]]:
    found = []
    for line in text.splitlines():
        match = RELATION.match(line)
        if match:
            found.append((match["left"], match["markers"], match["right"], match["label"]))
    return found


def blog() -> Spec:
    return spec(
        Entity(
            name="Post",
            fields=(
                FieldDef(name="title", type="string", length=120, unique=True),
                FieldDef(name="body", type="text", optional=True, pii="personal"),
                FieldDef(name="price", type="decimal", precision=8, scale=2),
                FieldDef(name="state", type="enum", enum="Status"),
                FieldDef(name="slug", type="string"),
                rel("author", "User", "many_to_one", owner=True),
                rel("editor", "User", "many_to_one", optional=True),
                rel("comments", "Comment", "one_to_many", via="post"),
                rel("tags", "Tag", "many_to_many", via="posts"),
                rel("cover", "Image", "one_to_one", optional=True),
                rel("parent", "Post", "many_to_one", optional=True),
            ),
            indexes=(Index(fields=("slug",), unique=True),),
            timestamps=True,
            soft_delete=True,
            optimistic_lock=True,
        ),
        Entity(name="Comment", fields=(rel("post", "Post", "many_to_one"),)),
        Entity(name="Tag", fields=(rel("posts", "Post", "many_to_many", via="tags"),)),
        Entity(name="Image", fields=(rel("post", "Post", "one_to_one", via="cover"),)),
        auth=True,
    )


def test_golden_blog() -> None:
    assert to_mermaid(blog()) == (
        "erDiagram\n"
        "    User {\n"
        "        int id PK\n"
        '        email email UK "pii contact"\n'
        '        string(150) name "optional; pii identity"\n'
        "        datetime created_at\n"
        "        datetime updated_at\n"
        "    }\n"
        "    Post {\n"
        "        int id PK\n"
        "        string(120) title UK\n"
        '        text body "optional; pii personal"\n'
        '        decimal price "precision 8 scale 2"\n'
        "        Status state\n"
        "        string slug UK\n"
        '        int author_id FK "owner"\n'
        '        int editor_id FK "optional"\n'
        '        int cover_id FK, UK "optional"\n'
        '        int parent_id FK "optional"\n'
        "        datetime created_at\n"
        "        datetime updated_at\n"
        "        int version\n"
        '        datetime deleted_at "soft delete"\n'
        "    }\n"
        "    Comment {\n"
        "        int id PK\n"
        "        int post_id FK\n"
        "    }\n"
        "    Tag {\n"
        "        int id PK\n"
        "    }\n"
        "    Image {\n"
        "        int id PK\n"
        "    }\n"
        '    Post }o--|| User : "author"\n'
        '    Post }o--o| User : "editor"\n'
        '    Post }o--o{ Tag : "tags"\n'
        '    Post |o--o| Image : "cover"\n'
        '    Post }o--o| Post : "parent"\n'
        '    Comment }o--|| Post : "post"\n'
    )


def test_one_line_per_relation_pair() -> None:
    lines = relations(to_mermaid(blog()))
    pairs = [frozenset((left, right)) for left, _, right, _ in lines]
    assert pairs.count(frozenset(("Post", "Tag"))) == 1  # many_to_many, both sides declared
    assert pairs.count(frozenset(("Post", "Comment"))) == 1  # one_to_many + many_to_one
    assert pairs.count(frozenset(("Post", "Image"))) == 1  # one_to_one, both sides
    assert ("Post", "}o--o{", "Tag", "tags") in lines


def test_unpaired_sides_are_drawn_from_the_side_declared() -> None:
    text = to_mermaid(
        spec(
            Entity(
                name="Team",
                fields=(
                    rel("members", "Member", "one_to_many", via="team"),
                    rel("boards", "Board", "many_to_many"),
                ),
            ),
            Entity(name="Member", fields=(FieldDef(name="team", type="int"),)),
            Entity(name="Board", fields=(rel("teams", "Team", "many_to_many", via="boards"),)),
            Entity(name="Badge", fields=(rel("holder", "Member", "one_to_one"),)),
        )
    )
    assert relations(text) == [
        ("Team", "||--o{", "Member", "members"),  # the target has no key back: drawn here
        ("Team", "}o--o{", "Board", "boards"),  # the inverse names it in via: drawn once
        ("Badge", "|o--||", "Member", "holder"),
    ]


def test_self_referencing_many_to_many_is_drawn_once() -> None:
    text = to_mermaid(
        spec(
            Entity(name="Person", fields=(rel("friends", "Person", "many_to_many", via="friends"),))
        )
    )
    assert relations(text) == [("Person", "}o--o{", "Person", "friends")]


def test_every_line_is_mermaid_syntax() -> None:
    text = to_mermaid(blog())
    lines = text.splitlines()
    assert lines[0] == "erDiagram"
    assert text.endswith("\n")
    in_block = False
    for line in lines[1:]:
        if line.endswith("{") and not RELATION.match(line):
            assert re.fullmatch(rf" {{4}}{WORD} \{{", line), line
            in_block = True
        elif line == "    }":
            in_block = False
        elif in_block:
            match = ATTRIBUTE.match(line)
            assert match, line
            assert re.fullmatch(WORD, match["type"])
            assert re.fullmatch(WORD, match["name"])
        else:
            assert RELATION.match(line), line


def test_every_entity_and_column_is_shown() -> None:
    text = to_mermaid(blog())
    for entity in blog().entities:
        assert f"    {entity.name} {{" in text
        for f in entity.fields:
            if f.has_column:
                column = f"{f.name}_id" if f.type == "relation" else f.name
                assert re.search(rf"^ {{8}}{WORD} {column}\b", text, re.M), column


def test_deterministic() -> None:
    assert to_mermaid(blog()) == to_mermaid(blog())
