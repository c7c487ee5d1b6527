"""String literals of the DSL: double-quoted, one line, backslash escapes.

``\\"``, ``\\\\``, ``\\n``, ``\\t``, ``\\r`` and ``\\uXXXX`` are escapes; any other backslash is
kept as written, so a regular expression such as ``"^\\d+$"`` reads naturally. A surrogate
pair written as two ``\\u`` escapes is one character; half a pair is an error (the text could
not be saved as UTF-8). The encoder always doubles backslashes, so
``decode_string(encode_string(s)) == (s, None)`` for every ``s`` without lone surrogates.
"""

from __future__ import annotations

_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t", "r": "\r"}
_HEX = "0123456789abcdefABCDEF"
_ENCODE = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def decode_string(literal: str) -> tuple[str, str | None]:
    """The text of a quoted literal, and a problem description or None."""
    body = literal[1:-1]
    out: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char != "\\" or i + 1 >= len(body):
            out.append(char)
            i += 1
            continue
        nxt = body[i + 1]
        if nxt in _ESCAPES:
            out.append(_ESCAPES[nxt])
            i += 2
        elif nxt == "u":
            code, width = _code_point(body, i)
            if code is None:
                return "".join(out), "\\u must be followed by four hexadecimal digits"
            if 0xD800 <= code <= 0xDFFF:
                return "".join(out), "\\u names half of a surrogate pair without the other half"
            out.append(chr(code))
            i += width
        else:
            out.append(char)
            i += 1
    return "".join(out), None


def _code_point(body: str, start: int) -> tuple[int | None, int]:
    """The code point of the ``\\uXXXX`` escape at ``start`` (a surrogate pair written as two
    escapes, ``\\ud83d\\ude00``, is one character) and the escape's width."""
    digits = body[start + 2 : start + 6]
    if not _is_hex(digits):
        return None, 0
    code = int(digits, 16)
    low = body[start + 8 : start + 12]
    if 0xD800 <= code <= 0xDBFF and body[start + 6 : start + 8] == "\\u" and _is_hex(low):
        second = int(low, 16)
        if 0xDC00 <= second <= 0xDFFF:
            return 0x10000 + ((code - 0xD800) << 10) + (second - 0xDC00), 12
    return code, 6


def _is_hex(text: str) -> bool:
    return len(text) == 4 and all(c in _HEX for c in text)


def encode_string(text: str) -> str:
    """A quoted literal that reads back as ``text``."""
    parts = []
    for char in text:
        if char in _ENCODE:
            parts.append(_ENCODE[char])
        elif ord(char) < 32 or ord(char) == 127 or 0xD800 <= ord(char) <= 0xDFFF:
            parts.append(f"\\u{ord(char):04x}")
        else:
            parts.append(char)
    return '"' + "".join(parts) + '"'


def comment_start(line: str) -> int:
    """Where the line's ``#`` comment starts, outside string literals (its length if none)."""
    in_string = escaped = False
    for column, char in enumerate(line):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "#":
            return column
    return len(line)
