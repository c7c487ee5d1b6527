"""Apply a plan as one transaction: every file is staged first, then swapped in; if anything
fails, every file already swapped is put back, so the folder is exactly as it was."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path

from infranest.generate.plan import Plan


def apply(out: Path, plan: Plan) -> None:
    """Write the plan's changes and state into ``out`` (created if missing), all or nothing."""
    fresh = not out.exists()
    writes: dict[str, str | None] = {c.path: c.after for c in plan.changes if c.writes}
    writes.update(plan.state)
    staged: dict[Path, Path | None] = {}
    journal: list[tuple[Path, Path | None]] = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for rel, text in sorted(writes.items()):
            dest = _inside(out, rel)
            staged[dest] = _stage(dest, text) if text is not None else None
        for dest, temp in staged.items():
            backup = _move_aside(dest)
            journal.append((dest, backup))
            if temp is not None:
                os.replace(temp, dest)
    except BaseException:
        _roll_back(journal, staged)
        if fresh:
            shutil.rmtree(out, ignore_errors=True)
        raise
    for _dest, backup in journal:
        if backup is not None:
            backup.unlink(missing_ok=True)
    _remove_empty_dirs(out, [dest for dest, temp in staged.items() if temp is None])


def _inside(out: Path, rel: str) -> Path:
    """``out / rel``, refusing a path that would leave ``out``."""
    dest = out / rel
    if Path(rel).is_absolute() or ".." in Path(rel).parts:
        raise ValueError(f"refusing to write outside the output folder: {rel}")
    return dest


def _stage(dest: Path, text: str) -> Path:
    if dest.is_dir():
        raise IsADirectoryError(f"{dest} is a folder where a generated file belongs; move it away")
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".new", dir=dest.parent)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    mode = dest.stat().st_mode & 0o777 if dest.exists() else _mode_for(dest)
    os.chmod(name, mode)
    return Path(name)


def _mode_for(dest: Path) -> int:
    executable = dest.suffix in (".sh", "") and dest.parent.name in ("bin", "scripts")
    return 0o755 if executable else 0o644


def _move_aside(dest: Path) -> Path | None:
    """Rename an existing file out of the way (kept until the transaction ends)."""
    if not dest.exists():
        return None
    backup = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:12]}.old")
    os.replace(dest, backup)
    return backup


def _roll_back(journal: list[tuple[Path, Path | None]], staged: dict[Path, Path | None]) -> None:
    for dest, backup in reversed(journal):
        if backup is not None:
            os.replace(backup, dest)
        else:
            dest.unlink(missing_ok=True)
    for temp in staged.values():
        if temp is not None:
            temp.unlink(missing_ok=True)


def _remove_empty_dirs(out: Path, deleted: list[Path]) -> None:
    for dest in deleted:
        parent = dest.parent
        while parent != out and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
