"""JDL text to a Lark tree: the parser, its error recovery, and readable syntax errors."""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from lark.lexer import PatternStr
from lark.parsers.lalr_interactive_parser import InteractiveParser

from infranest.spec.diagnostics import Diagnostic, SpecError, did_you_mean, error
from infranest.spec.model import Loc

_MAX_ERRORS = 50
_JAVADOCS: ContextVar[list[Token] | None] = ContextVar("jdl_javadocs", default=None)

# How terminals that are not plain words read in an error message.
_TERMINAL_WORDS: dict[str, str] = {
    "NAME": "a name",
    "INT": "a whole number",
    "DECIMAL": "a decimal number",
    "STRING": 'a "quoted" string',
    "SQ_STRING": "a 'quoted' string",
    "REGEX": "a /regular expression/",
    "SAME_LINE_COMMA": "','",
    "$END": "the end of the file",
}
# Keyword families named as one phrase when the parser would take any of them.
_DECLARATIONS = ("entity", "enum", "relationship", "application", "deployment")
_OPTIONS = (
    "paginate",
    "search",
    "filter",
    "dto",
    "service",
    "readOnly",
    "skipClient",
    "skipServer",
    "microservice",
    "angularSuffix",
    "clientRootFolder",
    "noFluentMethod",
    "embedded",
    "noRestResources",
    "use",
)
_VALIDATIONS = (
    "required",
    "unique",
    "min",
    "max",
    "minlength",
    "maxlength",
    "minbytes",
    "maxbytes",
    "pattern",
)
KEYWORDS: tuple[str, ...] = (*_DECLARATIONS, *_OPTIONS, *_VALIDATIONS, "to", "with", "except")
# Token types tried, in this order, as a missing token before an unexpected one.
_INSERTION_ORDER = ("RBRACE", "RPAR", "RSQB", "NAME", "COMMA", "LPAR", "LBRACE")
# Tokens that start a declaration: after an error, parsing resumes at them.
_RESYNC = frozenset(name.upper() for name in _DECLARATIONS)
_PREVIOUS_WORD = re.compile(r"([A-Za-z_][A-Za-z0-9_\-]*)\W*$")
_DECLARATION_AS_FIELD = re.compile(r"\b(entity|enum|relationship)\s+[A-Za-z_][\w-]*\s*$")


@dataclass(frozen=True)
class ParsedJdl:
    """The parse tree, the javadoc comments met on the way, and the source text."""

    tree: Tree[Token]
    javadocs: tuple[Token, ...]
    text: str


def token_loc(token: Token, filename: str) -> Loc:
    return Loc(
        file=filename,
        line=token.line or 1,
        column=token.column or 1,
        end_line=token.end_line,
        end_column=token.end_column,
    )


def tree_loc(tree: Tree[Token], filename: str) -> Loc:
    meta = tree.meta
    if meta.empty:
        return Loc(file=filename, line=1, column=1)
    return Loc(
        file=filename,
        line=meta.line,
        column=meta.column,
        end_line=meta.end_line,
        end_column=meta.end_column,
    )


def _collect_javadoc(token: Token) -> Token:
    collected = _JAVADOCS.get()
    if collected is not None:
        collected.append(token)
    return token


@cache
def _parser() -> Lark:
    grammar = resources.files("infranest.spec.importers").joinpath("jdl.lark").read_text("utf-8")
    return Lark(
        grammar,
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
        maybe_placeholders=False,
        lexer_callbacks={"JAVADOC": _collect_javadoc},
    )


def parse_jdl(text: str, filename: str) -> ParsedJdl:
    """Parse JDL text; raise SpecError naming every syntax error (one per line at most)."""
    recovery = _Recovery(text, filename)
    javadocs: list[Token] = []
    reset = _JAVADOCS.set(javadocs)
    try:
        tree = _parser().parse(text, on_error=recovery.handle)
    except UnexpectedInput as exc:
        recovery.record(exc)
        raise SpecError(recovery.errors, source=text) from None
    finally:
        _JAVADOCS.reset(reset)
    if recovery.errors:
        raise SpecError(recovery.errors, source=text)
    return ParsedJdl(tree=tree, javadocs=tuple(javadocs), text=text)


@dataclass
class _Recovery:
    """Records each syntax error and lets the parser go on, so all of them are reported.

    An error met while the parser is still skipping the tokens after the previous error
    (nothing but blanks and comments between them) is a consequence of it and is not
    reported; neither is a second error on a line already reported.
    """

    text: str
    filename: str
    errors: list[Diagnostic] = field(default_factory=list)
    _lines: set[int] = field(default_factory=set)
    _skipping_from: int | None = None

    def handle(self, exc: UnexpectedInput) -> bool:
        self.record(exc)
        if len(self.errors) >= _MAX_ERRORS:
            return False
        if isinstance(exc, UnexpectedToken):
            if exc.token.type == "$END":
                return False
            if _repair(exc):
                self._skipping_from = None
        return True

    def record(self, exc: UnexpectedInput) -> None:
        start = exc.pos_in_stream if isinstance(exc.pos_in_stream, int) else -1
        end = start + _width(exc)
        cascade = self._skipping_from is not None and _only_blanks(
            self.text[self._skipping_from : max(start, self._skipping_from)]
        )
        self._skipping_from = end
        if cascade or exc.line in self._lines:
            return
        self._lines.add(exc.line)
        self.errors.append(_diagnostic(exc, self.text, self.filename, start))


_BLANKS = re.compile(r"(?:\s|//[^\n]*|/\*[\s\S]*?\*/|#[^\n]*)*")


def _only_blanks(text: str) -> bool:
    return _BLANKS.fullmatch(text) is not None


def _width(exc: UnexpectedInput) -> int:
    if isinstance(exc, UnexpectedToken):
        return max(len(str(exc.token)), 1)
    return 1


def _repair(exc: UnexpectedToken) -> bool:
    """Let the parser go on after ``exc``; True when it took the unexpected token.

    First a single missing token is inserted if that lets the parser take the unexpected
    one; else, if the unexpected token starts a declaration (``entity``, ``enum``, ...),
    the unfinished constructs are abandoned and parsing resumes at that declaration;
    else the token is dropped (Lark's default when ``on_error`` returns True).
    """
    parser = exc.interactive_parser
    accepted: set[str] = parser.accepts()  # type: ignore[no-untyped-call]
    for kind in sorted(accepted, key=_insertion_rank):
        filler = Token.new_borrow_pos(kind, "", exc.token)
        if _feeds(parser, [filler, exc.token]):
            return True
    if exc.token.type in _RESYNC:
        state = parser.parser_state
        for depth in range(len(state.state_stack) - 1, 0, -1):
            if _feeds(parser, [exc.token], depth=depth):
                return True
    return False


def _feeds(parser: InteractiveParser, tokens: list[Token], depth: int | None = None) -> bool:
    """Feed ``tokens`` after cutting the parser's stacks to ``depth`` states, if they fit."""
    trial = parser.copy(deepcopy_values=False)  # type: ignore[no-untyped-call]
    for candidate in (trial, parser):
        if depth is not None:
            del candidate.parser_state.state_stack[depth:]
            del candidate.parser_state.value_stack[depth - 1 :]
        try:
            for token in tokens:
                candidate.feed_token(token)
        except UnexpectedInput:
            return False
    return True


def _insertion_rank(kind: str) -> tuple[int, str]:
    order = _INSERTION_ORDER.index(kind) if kind in _INSERTION_ORDER else len(_INSERTION_ORDER)
    return order, kind


def _diagnostic(exc: UnexpectedInput, text: str, filename: str, position: int) -> Diagnostic:
    line = exc.line if isinstance(exc.line, int) else 1
    column = exc.column if isinstance(exc.column, int) else 1
    if isinstance(exc, UnexpectedToken):
        token = exc.token
        found = _describe_token(token)
        accepted = exc.accepts or exc.expected
        width = _width(exc)
        if token.type == "$END" and token.end_line is not None and token.end_column is not None:
            # Lark places the end at the last token; the caret goes right after it.
            line, column, position = token.end_line, token.end_column, token.end_pos or position
    elif isinstance(exc, UnexpectedCharacters):
        found = f"character {text[position]!r}" if 0 <= position < len(text) else "a character"
        accepted = exc.allowed
        width = 1
    else:  # pragma: no cover - Lark raises only the two kinds above from the LALR parser
        found, accepted, width = "input", set(), 1
    loc = Loc(file=filename, line=line, column=column, end_line=line, end_column=column + width)
    message = f"unexpected {found}; expected {expected_words(accepted)}"
    return error("jdl-syntax", message, loc=loc, hint=_hint(text, position, accepted))


def _describe_token(token: Token) -> str:
    if token.type == "$END":
        return "end of file"
    value = str(token)
    shown = value if len(value) <= 30 else value[:27] + "..."
    return f"'{shown}'"


def _terminal_word(name: str) -> str:
    if name in _TERMINAL_WORDS:
        return _TERMINAL_WORDS[name]
    try:
        pattern = _parser().get_terminal(name).pattern
    except KeyError:
        return name.lower()
    if isinstance(pattern, PatternStr):
        return f"'{pattern.value}'"
    return name.lower()


def expected_words(accepted: Iterable[str]) -> str:
    """The accepted terminals as words, keyword families folded into one phrase."""
    words = sorted({_terminal_word(name) for name in accepted})
    bare = {w.strip("'") for w in words}
    phrases: list[str] = []
    families = (
        (_DECLARATIONS, "a declaration (entity, enum, relationship, application, deployment)"),
        (_OPTIONS, "an option (paginate, search, filter, dto, service, ...)"),
        (_VALIDATIONS, "a validation (required, unique, min, max, minlength, maxlength, pattern)"),
    )
    for family, phrase in families:
        members = bare & set(family)
        if len(members) >= 3:
            phrases.append(phrase)
            words = [w for w in words if w.strip("'") not in members]
    phrases.extend(words)
    if not phrases:
        return "nothing more"
    if len(phrases) == 1:
        return phrases[0]
    return "one of " + ", ".join(phrases[:-1]) + " or " + phrases[-1]


def _hint(text: str, position: int, accepted: Iterable[str]) -> str | None:
    """Name the likely slip: a misspelt keyword before the error, or a missing '}'."""
    if position < 0:
        return None
    before = text[:position]
    names = {_terminal_word(a).strip("'") for a in accepted}
    if position >= len(text.rstrip()) and "}" in names:
        return "is a closing '}' missing?"
    declaration = _DECLARATION_AS_FIELD.search(before)
    if declaration is not None and "}" in names:
        keyword = declaration.group(1)
        return f"is a '}}' missing before '{keyword}'? '{keyword}' was read as a field name"
    match = _PREVIOUS_WORD.search(before)
    if match is not None and match.group(1) not in KEYWORDS:
        guess = did_you_mean(match.group(1), KEYWORDS)
        if guess is not None:
            return f"did you mean '{guess}' instead of '{match.group(1)}'?"
    if "to" in names and len(names) <= 3:
        return "a relationship reads: Source{field} to Target{field}"
    return None
