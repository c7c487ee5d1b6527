"""The local profile: answers remembered across projects, and the defaults they teach.

Stored as JSON in ``$INFRANEST_HOME/profile.json`` (``~/.infranest/profile.json`` when the
variable is unset). A preference given the same way in each of the last :data:`WINDOW`
projects becomes the default, and its question is skipped.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from infranest.files import write_atomic

WINDOW = 3
KEEP = 50


def profile_path() -> Path:
    home = os.environ.get("INFRANEST_HOME")
    folder = Path(home) if home else Path.home() / ".infranest"
    return folder / "profile.json"


@dataclass
class Profile:
    """Past projects' answers, newest last."""

    path: Path
    projects: list[dict[str, Any]] = field(default_factory=list)
    window: int = WINDOW

    @classmethod
    def load(cls, path: Path | None = None) -> Profile:
        """The profile at ``path``; an empty one when the file is missing or unreadable."""
        where = path or profile_path()
        try:
            data = json.loads(where.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(where)
        projects = data.get("projects", []) if isinstance(data, dict) else []
        return cls(where, [p for p in projects if isinstance(p, dict)])

    def learned(self, key: str) -> str | None:
        """The answer to ``key`` given the same way in each of the last ``window`` projects."""
        recent = self.projects[-self.window :]
        if len(recent) < self.window:
            return None
        values = {str(p.get("answers", {}).get(key)) for p in recent}
        if len(values) != 1:
            return None
        value = values.pop()
        return None if value == "None" else value

    def record(self, name: str, answers: dict[str, str]) -> None:
        """Remember one finished project's answers and save the profile."""
        entry = {
            "name": name,
            "at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "answers": dict(sorted(answers.items())),
        }
        self.projects = [*self.projects, entry][-KEEP:]
        self.save()

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"version": 1, "projects": self.projects}, indent=2) + "\n"
        write_atomic(self.path, text)

    def reset(self) -> None:
        self.projects = []
        if self.path.exists():
            self.path.unlink()

    def summary(self) -> dict[str, Any]:
        keys = sorted({k for p in self.projects for k in p.get("answers", {})})
        return {
            "path": str(self.path),
            "projects": len(self.projects),
            "learned": {k: v for k in keys if (v := self.learned(k)) is not None},
            "recent": self.projects[-self.window :],
        }
