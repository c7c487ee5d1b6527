"""SQL source text: statement splitting, dialect detection, located warnings.

The splitter is a small lexer: it knows strings, quoted identifiers, comments,
PostgreSQL dollar quotes, ``BEGIN ... END`` trigger bodies, MySQL ``DELIMITER``
lines, psql backslash commands and ``COPY ... FROM stdin`` data blocks, so that a
``;`` inside any of them never ends a statement.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from infranest.spec.diagnostics import Diagnostic, warning
from infranest.spec.model import Loc
from infranest.spec.names import words

Dialect = Literal["postgres", "mysql", "sqlite"]
ChunkKind = Literal["sql", "meta", "data"]

DIALECTS: dict[str, Dialect] = {
    "postgres": "postgres",
    "postgresql": "postgres",
    "pg": "postgres",
    "mysql": "mysql",
    "mariadb": "mysql",
    "sqlite": "sqlite",
    "sqlite3": "sqlite",
}
DATABASES: dict[Dialect, Literal["postgresql", "mysql", "sqlite"]] = {
    "postgres": "postgresql",
    "mysql": "mysql",
    "sqlite": "sqlite",
}

DATA_VERBS = frozenset({"INSERT", "REPLACE", "COPY", "UPDATE", "DELETE", "MERGE", "UPSERT"})
_DETECT_LIMIT = 256 * 1024
_DOLLAR_TAG = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)?\$")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")
_BLOCK_OPENERS = frozenset({"BEGIN", "CASE"})
_LOOP_ENDS = frozenset({"IF", "LOOP", "WHILE", "REPEAT", "FOR"})
_ROUTINES = frozenset({"TRIGGER", "PROCEDURE", "FUNCTION", "EVENT"})


@dataclass(frozen=True)
class Chunk:
    """One statement: its text exactly as written and where it starts."""

    text: str
    start: int
    kind: ChunkKind = "sql"


class LineIndex:
    """Turns character offsets into 1-based line and column numbers."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def line_col(self, offset: int) -> tuple[int, int]:
        row = bisect.bisect_right(self._starts, offset) - 1
        return row + 1, offset - self._starts[row] + 1


@dataclass
class Reporter:
    """Collects located warnings for one imported file."""

    filename: str
    lines: LineIndex
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def loc(self, offset: int | None) -> Loc | None:
        if offset is None:
            return None
        line, column = self.lines.line_col(offset)
        return Loc(file=self.filename, line=line, column=column)

    def warn(
        self,
        code: str,
        message: str,
        *,
        at: int | None = None,
        path: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.diagnostics.append(
            warning(code, message, loc=self.loc(at), path=path, hint=hint, file=self.filename)
        )


class _Scanner:
    """Walks the text once, cutting it into chunks at top-level delimiters."""

    def __init__(self, text: str, dialect: Dialect) -> None:
        self.text = text
        self.dialect = dialect
        self.pos = 0
        self.chunks: list[Chunk] = []
        self.masked: list[str] = []

    def run(self) -> list[Chunk]:
        delimiter = ";"
        while True:
            self._skip_space_and_comments()
            if self.pos >= len(self.text):
                return self.chunks
            if self._at_line_start_word("DELIMITER") and self.dialect == "mysql":
                delimiter = self._read_delimiter_line() or delimiter
                continue
            if self.text[self.pos] == "\\":
                end = self._line_end(self.pos)
                self.chunks.append(Chunk(self.text[self.pos : end], self.pos, "meta"))
                self.pos = end
                continue
            self._statement(delimiter)

    def _statement(self, delimiter: str) -> None:
        start = self.pos
        head: list[str] = []
        depth = 0
        stdin = False
        text = self.text
        plain = _plain_run(delimiter[0])
        while self.pos < len(text):
            run = plain.match(text, self.pos)
            if run is not None:
                self.masked.append(run.group())
                self.pos = run.end()
                continue
            if depth == 0 and text.startswith(delimiter, self.pos):
                body = text[start : self.pos]
                self.pos += len(delimiter)
                self._finish(body, start, head, copy=head[:1] == ["COPY"] and stdin)
                return
            ch = text[self.pos]
            if self._skip_quoted_or_comment():
                continue
            word = _WORD.match(text, self.pos) if ch.isalpha() or ch == "_" else None
            if word is None:
                self.masked.append(ch)
                self.pos += 1
                continue
            upper = word.group().upper()
            self.masked.append(upper)
            self.pos = word.end()
            stdin = stdin or upper == "STDIN"
            if len(head) < 6:
                head.append(upper)
            if _is_routine(head):
                depth = self._block_depth(upper, depth)
        self._finish(text[start:], start, head, copy=False)

    def _block_depth(self, word: str, depth: int) -> int:
        """Nesting of ``BEGIN``/``CASE`` ... ``END`` in a trigger or routine body."""
        if word in _BLOCK_OPENERS:
            return depth + 1
        if word != "END" or depth == 0:
            return depth
        nxt = self.pos
        while nxt < len(self.text) and self.text[nxt].isspace():
            nxt += 1
        following = _WORD.match(self.text, nxt)
        if following is not None and following.group().upper() in _LOOP_ENDS:
            return depth
        return depth - 1

    def _finish(self, body: str, start: int, head: list[str], *, copy: bool) -> None:
        self.masked.append(" ; ")
        if not body.strip():
            return
        if copy:
            data_end = self._copy_data_end()
            self.chunks.append(Chunk(self.text[start:data_end], start, "data"))
            self.pos = data_end
            return
        kind: ChunkKind = "data" if head[:1] and head[0] in DATA_VERBS else "sql"
        self.chunks.append(Chunk(body.rstrip(), start, kind))

    def _copy_data_end(self) -> int:
        """Offset after the ``\\.`` line that ends a ``COPY ... FROM stdin`` block."""
        pos = self._line_end(self.pos) + 1
        while pos < len(self.text):
            end = self._line_end(pos)
            if self.text[pos:end].strip() == "\\.":
                return end
            pos = end + 1
        return len(self.text)

    def _skip_space_and_comments(self) -> None:
        while self.pos < len(self.text):
            if self.text[self.pos].isspace():
                self.pos += 1
            elif not self._skip_comment():
                return

    def _skip_comment(self) -> bool:
        text, pos = self.text, self.pos
        if text.startswith("--", pos) or (self.dialect == "mysql" and text[pos] == "#"):
            self.pos = self._line_end(pos)
            return True
        if text.startswith("/*", pos):
            self.pos = self._block_comment_end(pos)
            return True
        return False

    def _skip_quoted_or_comment(self) -> bool:
        """Skips a string, quoted name, dollar quote or comment at ``pos``; masks it."""
        text, pos = self.text, self.pos
        ch = text[pos]
        if self._skip_comment():
            self.masked.append(" ")
            return True
        if ch in "'\"`" or (ch == "[" and self.dialect == "sqlite"):
            closer = "]" if ch == "[" else ch
            self.pos = self._quoted_end(pos, closer, backslash=self._backslash_escapes(ch, pos))
            self.masked.append(ch + closer)
            return True
        if ch == "$" and self.dialect == "postgres":
            tag = _DOLLAR_TAG.match(text, pos)
            if tag is not None and (pos == 0 or not text[pos - 1].isalnum()):
                close = text.find(tag.group(), tag.end())
                self.pos = len(text) if close < 0 else close + len(tag.group())
                self.masked.append("$$$$")
                return True
        return False

    def _backslash_escapes(self, quote: str, pos: int) -> bool:
        if quote != "'":
            return False
        if self.dialect == "mysql":
            return True
        prefix = self.text[pos - 1 : pos]
        before = self.text[pos - 2 : pos - 1]
        return prefix in ("e", "E") and not (before.isalnum() or before == "_")

    def _quoted_end(self, pos: int, closer: str, *, backslash: bool) -> int:
        text = self.text
        i = pos + 1
        while True:
            end = text.find(closer, i)
            escape = text.find("\\", i, len(text) if end < 0 else end) if backslash else -1
            if escape >= 0:
                i = escape + 2
            elif end < 0:
                return len(text)
            elif closer != "]" and text.startswith(closer, end + 1):
                i = end + 2
            else:
                return end + 1

    def _block_comment_end(self, pos: int) -> int:
        nested = self.dialect == "postgres"
        depth, i = 0, pos
        while i < len(self.text):
            if self.text.startswith("/*", i) and (nested or depth == 0):
                depth += 1
                i += 2
            elif self.text.startswith("*/", i):
                depth -= 1
                i += 2
                if depth == 0:
                    return i
            else:
                i += 1
        return len(self.text)

    def _line_end(self, pos: int) -> int:
        end = self.text.find("\n", pos)
        return len(self.text) if end < 0 else end

    def _at_line_start_word(self, word: str) -> bool:
        pos = self.pos
        line_start = self.text.rfind("\n", 0, pos) + 1
        if self.text[line_start:pos].strip():
            return False
        after = pos + len(word)
        return self.text[pos:after].upper() == word and (
            after < len(self.text) and self.text[after] in " \t"
        )

    def _read_delimiter_line(self) -> str | None:
        end = self._line_end(self.pos)
        parts = self.text[self.pos : end].split()
        self.pos = end
        return parts[1] if len(parts) > 1 else None


@functools.cache
def _plain_run(delimiter_start: str) -> re.Pattern[str]:
    """Characters that cannot start a quote, comment, word or the delimiter."""
    special = re.escape("'\"`[$-/#\\" + delimiter_start)
    return re.compile(f"[^A-Za-z_{special}]+")


def _is_routine(head: list[str]) -> bool:
    """Whether the statement creates a trigger or routine, whose body may hold ``;``."""
    return head[:1] == ["CREATE"] and any(w in _ROUTINES for w in head[1:])


def split_statements(text: str, dialect: Dialect) -> list[Chunk]:
    """Cut ``text`` into statements; comments between statements are dropped."""
    return _Scanner(text, dialect).run()


def code_only(text: str, dialect: Dialect) -> str:
    """The text with comments removed and string/quoted contents emptied, words upper-cased."""
    scanner = _Scanner(text, dialect)
    scanner.run()
    return "".join(scanner.masked)


_SIGNALS: dict[Dialect, tuple[re.Pattern[str], ...]] = {
    "postgres": (
        re.compile(r"\b(SMALL|BIG)?SERIAL\b"),
        re.compile(r"::"),
        re.compile(r"\bCREATE\s+TYPE\s+\S+\s+AS\s+ENUM\b"),
        re.compile(r"\bCREATE\s+DOMAIN\b"),
        re.compile(r"\$\$\$\$"),
        re.compile(r"\b(BYTEA|JSONB|TIMESTAMPTZ|TSVECTOR)\b"),
        re.compile(r"\bNEXTVAL\s*\("),
    ),
    "mysql": (
        re.compile(r"``"),
        re.compile(r"\bENGINE\s*="),
        re.compile(r"\bAUTO_INCREMENT\b"),
        re.compile(r"\bUNSIGNED\b"),
        re.compile(r"\bDEFAULT\s+CHARSET\b"),
    ),
    "sqlite": (
        re.compile(r"\bAUTOINCREMENT\b"),
        re.compile(r"\bPRAGMA\b"),
        re.compile(r"\bWITHOUT\s+ROWID\b"),
    ),
}


def detect_dialect(text: str, filename: str) -> Dialect:
    """The dialect the content points to; else the one the file name names; else postgres.

    Only the first 256 KiB are read: the DDL that carries the signals comes before the data.
    """
    scores: dict[Dialect, int] = {}
    for dialect in ("postgres", "mysql", "sqlite"):
        masked = code_only(text[:_DETECT_LIMIT], dialect)
        scores[dialect] = sum(len(p.findall(masked)) for p in _SIGNALS[dialect])
    best = max(scores.values())
    if best > 0:
        return next(d for d, s in scores.items() if s == best)
    for word in words(Path(filename).stem):
        if word in DIALECTS:
            return DIALECTS[word]
    return "postgres"
