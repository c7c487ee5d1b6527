"""Three-way merge of one file: what InfraNest generated last time (base), what is on disk
now (the user's copy) and what the spec generates now.

The user's edits are kept, the spec's changes applied; where both changed the same lines
the result holds standard conflict markers (``<<<<<<<``, ``=======``, ``>>>>>>>``).
"""

from __future__ import annotations

from dataclasses import dataclass

from merge3 import Merge3

MINE_LABEL = "yours (on disk)"
THEIRS_LABEL = "generated (from the spec)"


@dataclass(frozen=True)
class MergeResult:
    text: str
    conflicts: int


def three_way(base: str, mine: str, theirs: str) -> MergeResult:
    """Merge ``mine`` (the user's file) and ``theirs`` (new output) against ``base``."""
    if mine == theirs or theirs == base:
        return MergeResult(mine, 0)
    if mine == base:
        return MergeResult(theirs, 0)
    merger = Merge3(
        base.splitlines(keepends=True),
        mine.splitlines(keepends=True),
        theirs.splitlines(keepends=True),
    )
    lines = list(
        merger.merge_lines(
            name_a=MINE_LABEL, name_b=THEIRS_LABEL, start_marker="<<<<<<<", end_marker=">>>>>>>"
        )
    )
    conflicts = sum(1 for group in merger.merge_groups() if group[0] == "conflict")
    return MergeResult("".join(_terminated(lines)), conflicts)


def _terminated(lines: list[str]) -> list[str]:
    """Conflict markers must start a line: end a last line that has no newline."""
    out: list[str] = []
    for line in lines:
        if out and not out[-1].endswith("\n"):
            out[-1] += "\n"
        out.append(line)
    return out
