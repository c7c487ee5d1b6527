"""Parse ``.nest`` text into a spec, reporting every syntax error in the file at once.

Recovery: after a syntax error the offending line (or, when it opens a block, the whole
block) is blanked and the text parsed again, so each line yields at most one error and
the errors after it are still found.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from infranest.spec import modifiers
from infranest.spec.builder import Builder
from infranest.spec.comments import attach, scan_comments, with_comments
from infranest.spec.diagnostics import Diagnostic, SpecError, did_you_mean, error
from infranest.spec.model import Loc, Spec
from infranest.spec.strings import comment_start

MAX_ERRORS = 50

_TERMINAL_WORDS = {
    "NAME": "a name",
    "NUMBER": "a number",
    "STRING": 'a "string"',
    "DURATION": "a duration like 30s or 7d",
    "PERCENT": "'%'",
    "COMPARATOR": "a comparison (<, <=, >, >=, ==, !=)",
    "_NL": "the end of the line",
    "$END": "the end of the file",
    "IDEMPOTENT": "'idempotent'",
}


@cache
def _lark() -> Lark:
    grammar = resources.files("infranest.spec").joinpath("grammar.lark").read_text("utf-8")
    return Lark(grammar, parser="lalr", propagate_positions=True, maybe_placeholders=True)


def parse(text: str, filename: str = "<string>") -> Spec:
    """The spec a ``.nest`` text describes; raises SpecError with every error found."""
    tree, problems = parse_tree(text, filename)
    builder = Builder(filename)
    spec = builder.build(tree) if tree is not None else None
    # A project block lost to a syntax error is not missing: do not report it twice.
    lost_project = bool(problems) and re.search(r"^[\t ]*project[\t ]+\w", text, re.MULTILINE)
    problems.extend(d for d in builder.errors if not (lost_project and d.code == "missing-project"))
    if problems or spec is None:
        problems.sort(key=lambda d: (d.loc.line, d.loc.column) if d.loc else (0, 0))
        raise SpecError(problems, text)
    return with_comments(spec, attach(scan_comments(text), builder.blocks))


def parse_tree(text: str, filename: str) -> tuple[Tree[Token] | None, list[Diagnostic]]:
    """The parse tree (of the text with bad lines blanked, if any) and the syntax errors."""
    problems: list[Diagnostic] = []
    current = text
    reported: set[int] = set()
    blanked: set[int] = set()
    closed_before: set[int] = set()
    closed_at_end = False
    for _ in range(MAX_ERRORS):
        try:
            return _lark().parse(current), problems
        except UnexpectedInput as exc:
            found = _syntax_error(exc, current, text, filename)
            line = _error_line(exc, current)
            at_end = isinstance(exc, UnexpectedEOF) or _is_end(exc)
            if at_end or line not in reported:
                # One error per line: a line that fails again after recovery is not re-reported.
                problems.append(found)
                reported.add(line)
            if at_end:
                if closed_at_end or _unclosed_block(current) is None:
                    return None, problems
                # Close the open blocks so the rest of the file is still checked.
                closed_at_end = True
                current += "\n" + "}\n" * _unclosed_count(current)
                continue
            if found.code == "unclosed-block" and line not in closed_before:
                # A definition inside a block: close the blocks above it and parse it as is.
                closed_before.add(line)
                closed = _close_before(current, line)
                if closed != current:
                    current = closed
                    continue
            if line in blanked or line < 1:
                return None, problems
            blanked.add(line)
            current = _blank(current, line)
    return None, problems


def _is_end(exc: UnexpectedInput) -> bool:
    return isinstance(exc, UnexpectedToken) and exc.token.type == "$END"


def _error_line(exc: UnexpectedInput, text: str) -> int:
    line = getattr(exc, "line", -1)
    return line if isinstance(line, int) else -1


# ---- messages -----------------------------------------------------------------------------


def _syntax_error(exc: UnexpectedInput, text: str, original: str, filename: str) -> Diagnostic:
    """The diagnostic for a Lark error in ``text`` (``original`` with recovery edits)."""
    if isinstance(exc, UnexpectedCharacters):
        loc = Loc(file=filename, line=exc.line, column=exc.column)
        pos = exc.pos_in_stream or 0
        char = text[pos] if pos < len(text) else ""
        if char == '"':
            return error(
                "unterminated-string",
                "this string is not closed on its line",
                loc=loc,
                hint='close it with " before the end of the line',
            )
        return error(
            "unexpected-character",
            f"unexpected character {char!r}",
            loc=loc,
            hint=f"expected {_expected(exc.allowed or set())}",
        )
    if _is_end(exc) or isinstance(exc, UnexpectedEOF):
        opened = _unclosed_block(text)
        lines = _lines(original)
        at_end = Loc(file=filename, line=len(lines), column=len(lines[-1]) + 1)
        if opened is None:
            expected = set(getattr(exc, "expected", None) or ())
            return error(
                "unexpected-end",
                "the file ends in the middle of a definition",
                loc=at_end,
                hint=f"expected {_expected(expected)}",
            )
        return error(
            "unexpected-end",
            f"the file ends inside a block (the block opened at line {opened})",
            loc=at_end,
            hint="add the missing '}'",
        )
    assert isinstance(exc, UnexpectedToken)
    token = exc.token
    loc = Loc(
        file=filename,
        line=token.line or 1,
        column=token.column or 1,
        end_line=token.end_line,
        end_column=token.end_column,
    )
    return _token_error(exc, token, text, loc)


def _token_error(exc: UnexpectedToken, token: Token, text: str, loc: Loc) -> Diagnostic:
    # ``accepts`` (what the parser would really take next) is narrower than ``expected``
    # (every terminal of the LALR state, which merges several contexts).
    expected = set(exc.accepts or exc.expected)
    all_lines = _lines(text)
    line = all_lines[loc.line - 1] if loc.line <= len(all_lines) else ""
    first = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*)", line)
    context = _context(text, loc.line)
    keywords = modifiers.BLOCK_KEYWORDS.get(context, modifiers.TOP_KEYWORDS)
    word = first.group(1) if first else ""
    is_keyword = word in keywords
    if word in modifiers.TOP_KEYWORDS and context != "top" and first and first.end() < len(line):
        return error(
            "unclosed-block",
            f"'{word}' cannot stand inside {_describe_context(context)}",
            loc=Loc(
                file=loc.file,
                line=loc.line,
                column=first.start(1) + 1,
                end_line=loc.line,
                end_column=first.end(1) + 1,
            ),
            hint=f"close the {context} block above with '}}' before this {word}",
        )
    is_field = context == "entity" and re.match(r"\s*[A-Za-z_]\w*\s*:", line)
    in_statement = first is not None and first.start(1) <= loc.column - 1
    if first and in_statement and context != "enum" and not is_keyword and not is_field:
        guess = did_you_mean(word, keywords)
        if guess is not None or context != "entity":
            shown = ", ".join(keywords) + (
                ", or a field 'name: type'" if context == "entity" else ""
            )
            prefix = f"did you mean '{guess}'? " if guess else ""
            return error(
                "unknown-statement",
                f"unknown statement '{word}' in {_describe_context(context)}",
                loc=Loc(
                    file=loc.file,
                    line=loc.line,
                    column=first.start(1) + 1,
                    end_line=loc.line,
                    end_column=first.end(1) + 1,
                ),
                hint=f"{prefix}valid here: {shown}",
            )
    if "COLON" in expected and token.type == "NAME" and context == "entity" and not is_keyword:
        return error(
            "missing-colon",
            f"expected ':' before the type, found '{token}'",
            loc=loc,
            hint="a field is written name: type, e.g. title: string(200)",
        )
    found = "end of the line" if token.type == "_NL" else f"'{token}'"
    return error(
        "unexpected-token", f"unexpected {found}", loc=loc, hint=f"expected {_expected(expected)}"
    )


def _expected(names: set[str]) -> str:
    words = []
    terminals = {t.name: t for t in _lark().terminals}
    for name in sorted(names):
        if name in _TERMINAL_WORDS:
            words.append(_TERMINAL_WORDS[name])
        elif name in terminals and terminals[name].pattern.type == "str":
            words.append(f"'{terminals[name].pattern.value}'")
        else:
            words.append(name.lower())
    words = sorted(set(words))
    if len(words) > 1:
        return "one of " + ", ".join(words[:-1]) + " or " + words[-1]
    return words[0] if words else "something else"


def _describe_context(context: str) -> str:
    if context == "top":
        return "the file's top level"
    return f"{'an' if context[0] in 'aeiou' else 'a'} {context} block"


def _context(text: str, line: int) -> str:
    """The kind of the innermost block open at ``line`` (``top`` outside every block)."""
    stack: list[str] = []
    for number, content in enumerate(_lines(text)[: line - 1], start=1):
        code = _code(content)
        del number
        for match in re.finditer(r"[{}]", code):
            if match.group() == "{":
                head = re.match(r"\s*([A-Za-z_]+)", code[: match.start()])
                stack.append(head.group(1) if head else "block")
            elif stack:
                stack.pop()
    kind = stack[-1] if stack else "top"
    return "model" if kind == "model" else kind


def _lines(text: str) -> list[str]:
    """The text's lines as Lark counts them: split at "\\n" only (``str.splitlines`` also
    splits at form feeds and Unicode line separators, which may stand in strings)."""
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def _code(line: str) -> str:
    """The line with string literals emptied and its comment removed."""
    without_strings = re.sub(r'"(\\.|[^"\\])*"', '""', line)
    return without_strings.split("#", 1)[0]


def _unclosed_count(text: str) -> int:
    depth = 0
    for content in _lines(text):
        for char in _code(content):
            depth = depth + 1 if char == "{" else max(depth - 1, 0) if char == "}" else depth
    return depth


def _unclosed_block(text: str) -> int | None:
    opened: list[int] = []
    for number, content in enumerate(_lines(text), start=1):
        for char in _code(content):
            if char == "{":
                opened.append(number)
            elif char == "}" and opened:
                opened.pop()
    return opened[-1] if opened else None


# ---- recovery -----------------------------------------------------------------------------


def _blank(text: str, line: int) -> str:
    """The text with ``line`` emptied; a line that opens a block takes the block with it, and
    a line that closes blocks keeps its closing braces."""
    lines = text.split("\n")
    index = line - 1
    if index >= len(lines):
        return text
    code = _code(lines[index])
    if "{" in code:
        depth = 0
        end = len(lines) - 1
        for i in range(index, len(lines)):
            for char in _code(lines[i]):
                depth += {"{": 1, "}": -1}.get(char, 0)
            if depth <= 0:
                end = i
                break
        for i in range(index, end + 1):
            lines[i] = ""
    else:
        # Keep the braces that close open blocks, not the stray ones.
        depth = _unclosed_count("\n".join(lines[:index]))
        lines[index] = "}" * min(code.count("}"), depth)
    return "\n".join(lines)


def _close_before(text: str, line: int) -> str:
    """The text with every block still open before ``line`` closed at the end of the code
    of the nearest line above (before its comment), so no column moves."""
    lines = text.split("\n")
    depth = _unclosed_count("\n".join(lines[: line - 1]))
    for index in range(min(line, len(lines)) - 2, -1, -1):
        if depth and _code(lines[index]).strip():
            end = comment_start(lines[index])
            lines[index] = lines[index][:end] + " " + "}" * depth + lines[index][end:]
            break
    return "\n".join(lines)
