"""Regular expressions as the generated TypeScript writes them, checked for nested
quantifiers (what eslint-plugin-security's ``detect-unsafe-regex`` reports: a repeated group
that itself repeats can backtrack exponentially in JavaScript's engine)."""

from __future__ import annotations

from dataclasses import dataclass

_QUANTIFIERS = "*+?{"
_BACKREFERENCE = (*(f"\\{d}" for d in "123456789"), "\\k<", "(?<")  # and named groups


@dataclass
class _Group:
    quantified_inside: bool = False  # a quantifier applies to something inside


def _token_end(pattern: str, i: int) -> int:
    """The index after the atom starting at ``i`` (an escape, a class or one character)."""
    if pattern[i] == "\\":
        return min(i + 2, len(pattern))
    if pattern[i] == "[":
        j = i + 1
        if j < len(pattern) and pattern[j] == "^":
            j += 1
        if j < len(pattern) and pattern[j] == "]":
            j += 1
        while j < len(pattern) and pattern[j] != "]":
            j += 2 if pattern[j] == "\\" else 1
        return min(j + 1, len(pattern))
    return i + 1


def _quantifier_end(pattern: str, i: int) -> int:
    """The index after a quantifier at ``i`` (with a lazy ``?``), or ``i`` when none."""
    if i >= len(pattern) or pattern[i] not in _QUANTIFIERS:
        return i
    if pattern[i] == "{":
        close = pattern.find("}", i)
        body = pattern[i + 1 : close] if close > 0 else ""
        if not body or not all(c.isdigit() or c == "," for c in body) or body[0] == ",":
            return i  # a literal "{"
        i = close + 1
    else:
        i += 1
    return i + 1 if i < len(pattern) and pattern[i] == "?" else i


def flatten_optional_groups(pattern: str) -> str:
    """``pattern`` with each optional group ``(X)?`` written ``(?:X|)``: the same strings
    match, but an optional group no longer counts as a repetition around X's quantifiers.
    Patterns with back-references or named groups are left as they are."""
    if any(ref in pattern for ref in _BACKREFERENCE):
        return pattern
    out: list[str] = []
    opened: list[int] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "(":
            opened.append(len(out))
            out.append(char)
            i += 1
            continue
        if char == ")" and opened:
            start = opened.pop()
            inner = "".join(out[start + 1 :])
            if pattern[i + 1 : i + 2] == "?" and pattern[i + 2 : i + 3] not in ("?", "+"):
                if inner.startswith("?:"):
                    inner = inner[2:]
                elif inner.startswith("?"):  # a lookaround: optional is meaningless, keep it
                    out.append(char)
                    i += 1
                    continue
                del out[start:]
                out.append(f"(?:{inner}|)")
                i += 2
                continue
            out.append(char)
            i += 1
            continue
        end = _token_end(pattern, i)
        out.append(pattern[i:end])
        i = end
    return "".join(out)


def nested_quantifiers(pattern: str) -> bool:
    """Whether a quantified group of ``pattern`` holds a quantifier itself."""
    groups: list[_Group] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "(":
            groups.append(_Group())
            i += 1
            if pattern[i : i + 1] == "?":  # (?: (?= (?! (?<name> : not a quantifier
                i += 1
            continue
        if char == ")" and groups:
            group = groups.pop()
            end = _quantifier_end(pattern, i + 1)
            if end > i + 1 and group.quantified_inside:
                return True
            if groups and (group.quantified_inside or end > i + 1):
                groups[-1].quantified_inside = True
            i = end
            continue
        atom_end = _token_end(pattern, i)
        end = _quantifier_end(pattern, atom_end)
        if end > atom_end and groups:
            groups[-1].quantified_inside = True
        i = end
    return False
