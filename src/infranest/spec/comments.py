"""Keep ``#`` comments through parse and format.

A comment belongs to the block it stands in and to the statement it precedes (or ends the
line of); the formatter prints it back at that statement, so reformatting a file moves no
comment away from what it talks about.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from infranest.spec.formatter import Block, statement_anchors
from infranest.spec.model import Comment, Spec
from infranest.spec.strings import comment_start

if TYPE_CHECKING:
    from infranest.spec.builder import BlockLines


@dataclass(frozen=True)
class RawComment:
    line: int
    text: str
    after_code: bool


def scan_comments(source: str) -> list[RawComment]:
    """Every ``#`` comment outside a string literal, with its line."""
    found = []
    # Split at "\n" only, as the parser counts lines (a string may hold a form feed).
    for number, line in enumerate(source.split("\n"), start=1):
        column = comment_start(line)
        if column < len(line):
            text, code = line[column + 1 :].rstrip(), line[:column].strip()
            found.append(RawComment(number, text, bool(code)))
    return found


def attach(
    comments: list[RawComment], blocks: dict[tuple[str, ...], BlockLines]
) -> dict[tuple[str, ...], list[Comment]]:
    """Comments per block path, each anchored to a statement of that block."""
    result: dict[tuple[str, ...], list[Comment]] = defaultdict(list)
    for raw in comments:
        path = _innermost(raw.line, blocks)
        comment = _anchor(raw, blocks[path], top=path == ())
        notes = result[path]
        same = [i for i, c in enumerate(notes) if c.trailing and c.anchor == comment.anchor]
        if comment.trailing and same:
            # A statement written twice (``search a  # x``, ``search b  # y``) is printed
            # once, with one trailing comment: keep them as the one it will read back as.
            first = notes[same[0]]
            notes[same[0]] = first.model_copy(update={"text": f"{first.text}  #{comment.text}"})
        else:
            notes.append(comment)
    return result


def _innermost(line: int, blocks: dict[tuple[str, ...], BlockLines]) -> tuple[str, ...]:
    best: tuple[str, ...] = ()
    best_first = -1
    for path, block in blocks.items():
        inside = path and block.first <= line <= block.last and block.first >= best_first
        if inside and (block.first > best_first or len(path) > len(best)):
            best, best_first = path, block.first
    return best


def _anchor(raw: RawComment, block: BlockLines, *, top: bool) -> Comment:
    if raw.after_code:
        # The statement the comment follows: the last one on its line (``a, b  # about b``).
        for anchor, first, last in reversed(block.statements):
            if first <= raw.line <= last:
                return Comment(anchor=anchor, text=raw.text, trailing=True)
        if not top and raw.line == block.first:
            return Comment(anchor="header", text=raw.text, trailing=True)
        return Comment(anchor="end", text=raw.text, trailing=True)
    for anchor, first, _last in block.statements:
        if first > raw.line:
            return Comment(anchor=anchor, text=raw.text)
    return Comment(anchor="end", text=raw.text)


def with_comments(spec: Spec, found: dict[tuple[str, ...], list[Comment]]) -> Spec:
    """The spec with each block's comments stored on its node."""
    if not found:
        return spec

    def of(*path: str) -> tuple[Comment, ...]:
        return tuple(found.get(path, ()))

    def put(node: Any, *path: str) -> Any:
        notes = of(*path)
        return node.model_copy(update={"comments": _in_print_order(notes, node)}) if notes else node

    models = []
    for m in spec.models:
        model = m
        if m.monitor is not None and of(f"model:{m.name}", "monitor"):
            model = m.model_copy(update={"monitor": put(m.monitor, f"model:{m.name}", "monitor")})
        models.append(put(model, f"model:{m.name}"))
    return spec.model_copy(
        update={
            "comments": _in_print_order(of(), spec),
            "project": put(spec.project, "project"),
            "enums": tuple(put(e, f"enum:{e.name}") for e in spec.enums),
            "entities": tuple(put(e, f"entity:{e.name}") for e in spec.entities),
            "flows": tuple(put(f, f"flow:{f.name}") for f in spec.flows),
            "integrations": tuple(put(i, f"integration:{i.name}") for i in spec.integrations),
            "models": tuple(models),
        }
    )


def _in_print_order(notes: tuple[Comment, ...], block: Block) -> tuple[Comment, ...]:
    """The comments in the order the formatter prints them: by statement, a statement's
    leading comments before its trailing one; so reading formatted text keeps the order."""
    place: dict[str, int] = {}
    for index, anchor in enumerate(statement_anchors(block)):
        place.setdefault(anchor, index)

    def key(c: Comment) -> tuple[int, bool]:
        return (
            (-1, c.trailing)
            if c.anchor == "header"
            else (place.get(c.anchor, len(place)), c.trailing)
        )

    return tuple(sorted(notes, key=key))
