"""Spec versions saved next to the spec: ``.infranest-history/<spec name>/NNNN.json``.

Each file holds the version number, the message, the UTC time it was saved, the file it
was saved from and the spec in its JSON form (:mod:`infranest.spec.interchange`), so a
version reads back as the same model whatever format the spec is written in.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from infranest.spec.diagnostics import SpecError
from infranest.spec.interchange import from_data, to_data
from infranest.spec.loader import load
from infranest.spec.model import Spec

HISTORY_DIR = ".infranest-history"
_FILE = re.compile(r"^(\d{4,})\.json$")
_REF = re.compile(r"^(?P<path>.+)@(?P<version>-?\d+|latest)$")


class HistoryError(Exception):
    """A version that does not exist, a history file that cannot be read, or nothing to
    save; the message names the place."""


@dataclass(frozen=True)
class Version:
    number: int
    message: str
    saved_at: str  # ISO 8601, UTC
    source: str
    path: Path

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.number,
            "message": self.message,
            "saved_at": self.saved_at,
            "source": self.source,
            "file": str(self.path),
        }


def history_dir(spec_path: Path) -> Path:
    """Where the versions of the spec at ``spec_path`` are kept."""
    return spec_path.parent / HISTORY_DIR / spec_path.stem


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise HistoryError(f"{path}: not a saved version ({exc})") from None
    if not isinstance(data, dict) or "spec" not in data or "version" not in data:
        raise HistoryError(f"{path}: not a saved version (no 'version' or 'spec')")
    return data


def versions(spec_path: Path) -> list[Version]:
    """Every saved version of the spec, oldest first."""
    folder = history_dir(spec_path)
    if not folder.is_dir():
        return []
    found: list[Version] = []
    for path in sorted(folder.iterdir()):
        match = _FILE.match(path.name)
        if match is None:
            continue
        data = _read(path)
        found.append(
            Version(
                int(data["version"]),
                str(data.get("message", "")),
                str(data.get("saved_at", "")),
                str(data.get("source", "")),
                path,
            )
        )
    return sorted(found, key=lambda v: v.number)


def read_version(spec_path: Path, number: int) -> Spec:
    """The spec as saved in version ``number`` (negative: counted from the latest,
    ``-1`` being the latest)."""
    saved = versions(spec_path)
    if not saved:
        raise HistoryError(f"{spec_path}: no saved versions in {history_dir(spec_path)}")
    if number < 0:
        if -number > len(saved):
            raise HistoryError(f"{spec_path}: only {len(saved)} version(s) saved")
        chosen = saved[number]
    else:
        match = next((v for v in saved if v.number == number), None)
        if match is None:
            have = ", ".join(str(v.number) for v in saved)
            raise HistoryError(f"{spec_path}@{number}: no such version (saved: {have})")
        chosen = match
    data = _read(chosen.path)
    try:
        return from_data(data["spec"], str(chosen.path))
    except SpecError as exc:
        first = exc.diagnostics[0].message if exc.diagnostics else "invalid"
        raise HistoryError(f"{chosen.path}: the saved spec does not read back ({first})") from None


def save(spec_path: Path, message: str, *, now: datetime | None = None) -> Version:
    """Save the spec at ``spec_path`` as the next version. Raises :class:`HistoryError`
    when it equals the latest saved version. The spec is read as ``load`` reads it; the
    caller checks it is valid first."""
    spec = load(spec_path).spec
    saved = versions(spec_path)
    if saved and read_version(spec_path, saved[-1].number) == spec:
        raise HistoryError(f"{spec_path}: unchanged since version {saved[-1].number}")
    number = saved[-1].number + 1 if saved else 1
    moment = (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    folder = history_dir(spec_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{number:04d}.json"
    data = {
        "version": number,
        "message": message,
        "saved_at": moment,
        "source": spec_path.name,
        "spec": to_data(spec),
    }
    temp = path.with_suffix(".tmp")
    temp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    temp.replace(path)
    return Version(number, message, moment, spec_path.name, path)


def split_ref(text: str) -> tuple[Path, int | None]:
    """``shop.nest@3`` → (shop.nest, 3); ``@latest`` is -1; no ``@N`` → (path, None)."""
    match = _REF.match(text)
    if match is None or Path(text).exists():
        return Path(text), None
    value = match["version"]
    return Path(match["path"]), -1 if value == "latest" else int(value)
