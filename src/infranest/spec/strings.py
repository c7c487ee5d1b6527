"""String literals of the DSL: double-quoted, one line, backslash escapes.

``\\"``, ``\\\\``, ``\\n``, ``\\t``, ``\\r`` and ``\\uXXXX`` are escapes; any other backslash is
kept as written, so a regular expression such as ``"^\\d+$"`` reads naturally. The encoder
always doubles backslashes, so ``decode_string(encode_string(s)) == (s, None)`` for every ``s``.
"""

from __future__ import annotations

_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t", "r": "\r"}
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
            digits = body[i + 2 : i + 6]
            if len(digits) != 4 or any(c not in "0123456789abcdefABCDEF" for c in digits):
                return "".join(out), "\\u must be followed by four hexadecimal digits"
            out.append(chr(int(digits, 16)))
            i += 6
        else:
            out.append(char)
            i += 1
    return "".join(out), None


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
