"""Decide what generating into a folder does to each file, before anything is written.

The folder's ``.infranest/`` holds the manifest (what was generated last, with hashes) and
the base copies (the exact generated text), so the next generation can three-way merge:
the user's edits are kept, the spec's changes applied, conflicts marked.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from infranest import __version__
from infranest.generate.merge import three_way
from infranest.generate.target import Files

STATE_DIR = ".infranest"
MANIFEST = f"{STATE_DIR}/manifest.json"
BASE_DIR = f"{STATE_DIR}/base"

Action = Literal[
    "create",  # new file
    "update",  # the user had not edited it: replaced by the new output
    "merge",  # both changed it: merged without conflict
    "conflict",  # both changed the same lines: written with conflict markers
    "unchanged",  # nothing to do
    "keep",  # the user edited it and the spec did not change it
    "delete",  # no longer generated and not edited by the user
    "orphan",  # no longer generated, but edited by the user: kept
    "overwrite",  # --force: replaced whatever was there
]


@dataclass(frozen=True)
class FileChange:
    path: str
    action: Action
    before: str | None
    after: str | None
    conflicts: int = 0

    @property
    def writes(self) -> bool:
        return self.after != self.before


@dataclass(frozen=True)
class Plan:
    changes: tuple[FileChange, ...]
    state: Files = field(default_factory=dict)  # .infranest/ files to write

    @property
    def conflicts(self) -> tuple[FileChange, ...]:
        return tuple(c for c in self.changes if c.action == "conflict")

    def diff(self) -> str:
        """A unified diff of every file the plan changes (for ``--dry-run``)."""
        chunks: list[str] = []
        for change in self.changes:
            if not change.writes:
                continue
            before = (change.before or "").splitlines(keepends=True)
            after = (change.after or "").splitlines(keepends=True)
            old = f"a/{change.path}" if change.before is not None else "/dev/null"
            new = f"b/{change.path}" if change.after is not None else "/dev/null"
            chunks.extend(difflib.unified_diff(before, after, old, new))
            if chunks and not chunks[-1].endswith("\n"):
                chunks.append("\n\\ No newline at end of file\n")
        return "".join(chunks)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_manifest(out: Path) -> dict[str, str]:
    """Path → hash of what was generated last time (empty for a fresh folder)."""
    path = out / MANIFEST
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    files = data.get("files", {})
    return {str(k): str(v) for k, v in files.items()}


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


def make_plan(out: Path, files: Files, *, target: str, spec_text: str, force: bool) -> Plan:
    """What generating ``files`` into ``out`` does to each path."""
    previous = read_manifest(out)
    changes = []
    for path in sorted(files):
        new = files[path]
        current = _read(out / path)
        base = _read(out / BASE_DIR / path) if path in previous else None
        changes.append(_change(path, current, base, new, force))
    for path in sorted(set(previous) - set(files)):
        current = _read(out / path)
        base = _read(out / BASE_DIR / path)
        if current is None:
            continue
        if current == base or force:
            changes.append(FileChange(path, "delete", current, None))
        else:
            changes.append(FileChange(path, "orphan", current, current))
    state = {f"{BASE_DIR}/{p}": text for p, text in files.items()}
    manifest = {
        "generator": f"infranest {__version__}",
        "target": target,
        "spec_sha256": sha256(spec_text),
        "files": {p: sha256(files[p]) for p in sorted(files)},
    }
    state[MANIFEST] = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    state[f"{STATE_DIR}/spec.nest"] = spec_text
    return Plan(tuple(changes), state)


def _change(path: str, current: str | None, base: str | None, new: str, force: bool) -> FileChange:
    if current is None:
        return FileChange(path, "create", None, new)
    if current == new:
        return FileChange(path, "unchanged", current, current)
    if force:
        return FileChange(path, "overwrite", current, new)
    if base is None:
        # A file we never generated stands where we want to write: keep both, marked.
        merged = three_way("", current, new)
        return FileChange(path, "conflict", current, merged.text, max(merged.conflicts, 1))
    if current == base:
        return FileChange(path, "update", current, new)
    if new == base:
        return FileChange(path, "keep", current, current)
    merged = three_way(base, current, new)
    if merged.conflicts:
        return FileChange(path, "conflict", current, merged.text, merged.conflicts)
    return FileChange(path, "merge", current, merged.text)
