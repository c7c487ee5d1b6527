"""The documentation says true things: its spec blocks parse and validate, its broken examples
fail with the code they name, its error-code table matches the checker, and every command in
docs/cli.md exits as stated.

Conventions (documented in docs/dsl.md and docs/cli.md):

- ```` ```nest ````: a complete spec; no errors; canonical unless the fence says
  ``not-canonical`` (then it must indeed differ from its canonical form).
- ```` ```nest-fragment ````: parses once wrapped (see :func:`wrapped`).
- ```` ```nest-error ````: first line ``# error: <code>``; wrapped like a fragment, it fails
  with that code and no other error.
- A ```` ```yaml ```` block right after a ```` ```nest ```` block is that spec's YAML form.
- ```` ```console ```` in docs/cli.md: each ``$ infranest ...`` line is followed, before the
  next command, by ``# exit N``. A fenced block whose info string has ``file=NAME`` is written
  to NAME first. Commands run in document order in one scratch directory holding a copy of
  ``examples/``.
"""

from __future__ import annotations

import ast
import re
import shlex
import shutil
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Literal

import pytest
from lark import Token
from typer.testing import CliRunner

from infranest.cli.app import app
from infranest.spec import interchange
from infranest.spec.builder import Builder
from infranest.spec.diagnostics import Diagnostic, SpecError
from infranest.spec.formatter import format_spec
from infranest.spec.loader import load_text
from infranest.spec.modifiers import PROJECT_KEYWORDS, TOP_KEYWORDS
from infranest.spec.parser import parse

ROOT = Path(__file__).resolve().parents[2]
DSL = ROOT / "docs" / "dsl.md"
CLI = ROOT / "docs" / "cli.md"
SPEC_SOURCES = ROOT / "src" / "infranest" / "spec"
WRAP_PROJECT = "project demo {\n  auth jwt\n  roles admin, staff, customer\n}\n\n"
FENCE = re.compile(r"^```(?P<lang>[\w-]*)(?P<attrs>.*)$")
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Calls that report a diagnostic, and the position of the code among their arguments.
REPORTERS = {"error": 0, "warning": 0, "warn": 0, "fail": 1, "report": 1, "check_duplicates": 1}


@dataclass(frozen=True)
class Block:
    """A fenced block of a Markdown file: its language, the rest of its info string, body."""

    doc: Path
    line: int
    lang: str
    attrs: tuple[str, ...]
    body: str

    @property
    def name(self) -> str:
        return f"{self.doc.relative_to(ROOT)}:{self.line}"


def fenced_blocks(doc: Path) -> list[Block]:
    """Every top-level ```` ``` ```` block of ``doc``, in order."""
    found: list[Block] = []
    lines = doc.read_text(encoding="utf-8").split("\n")
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        end = lines.index("```", index + 1)
        body = "\n".join(lines[index + 1 : end]) + "\n"
        attrs = tuple(opening.group("attrs").split())
        found.append(Block(doc, index + 1, opening.group("lang"), attrs, body))
        index = end + 1
    return found


def documents() -> list[Path]:
    candidates = [ROOT / "README.md", ROOT / "examples" / "README.md"]
    candidates += sorted((ROOT / "docs").glob("*.md"))
    return [p for p in candidates if p.exists()]


def blocks_of(lang: str) -> list[Block]:
    return [b for doc in documents() for b in fenced_blocks(doc) if b.lang == lang]


def first_word(body: str) -> str:
    for line in body.split("\n"):
        code = line.split("#", 1)[0].strip()
        if code:
            return re.split(r"[\s:{(]", code, maxsplit=1)[0]
    return ""


def indented(body: str) -> str:
    return "".join(f"  {line}\n" if line else "\n" for line in body.rstrip("\n").split("\n"))


def wrapped(body: str) -> str:
    """A whole spec around a fragment: project statements go in a project block, definitions
    after a minimal project, anything else in ``entity Sample`` after it."""
    if re.search(r"^project\b", body, re.MULTILINE):
        return body
    word = first_word(body)
    if word in PROJECT_KEYWORDS:
        return "project demo {\n" + indented(body) + "}\n"
    if word in TOP_KEYWORDS:
        return WRAP_PROJECT + body
    return WRAP_PROJECT + "entity Sample {\n" + indented(body) + "}\n"


def diagnostics(text: str, filename: str) -> tuple[Diagnostic, ...]:
    """What ``infranest check`` finds in ``text``: reading errors, else validation findings."""
    try:
        return load_text(text, filename).diagnostics
    except SpecError as exc:
        return exc.diagnostics


def stated_code(block: Block) -> str:
    head = block.body.split("\n", 1)[0]
    match = re.fullmatch(r"# error: ([a-z0-9-]+)", head)
    assert match is not None, f"{block.name}: the first line must be '# error: <code>'"
    return match.group(1)


# ---- spec blocks --------------------------------------------------------------------------


def test_the_docs_have_examples_of_every_kind() -> None:
    assert len(blocks_of("nest")) >= 10
    assert len(blocks_of("nest-fragment")) >= 10
    assert len(blocks_of("nest-error")) >= 20


@pytest.mark.parametrize("block", blocks_of("nest"), ids=lambda b: b.name)
def test_spec_block_is_valid_and_canonical(block: Block) -> None:
    try:
        loaded = load_text(block.body, f"{block.name}.nest")
    except SpecError as exc:
        pytest.fail(f"{block.name} does not read:\n{exc.render()}")
    errors = [d.render(block.body) for d in loaded.errors]
    assert not errors, "\n".join(errors)
    formatted = format_spec(loaded.spec)
    assert parse(formatted) == loaded.spec
    if "not-canonical" in block.attrs:
        assert formatted != block.body, f"{block.name} is canonical: drop 'not-canonical'"
    else:
        assert formatted == block.body


@pytest.mark.parametrize("block", blocks_of("nest-fragment"), ids=lambda b: b.name)
def test_fragment_parses_when_wrapped(block: Block) -> None:
    text = wrapped(block.body)
    try:
        parse(text, f"{block.name}.nest")
    except SpecError as exc:
        pytest.fail(f"{block.name} does not parse:\n{exc.render()}")


@pytest.mark.parametrize("block", blocks_of("nest-error"), ids=lambda b: b.name)
def test_error_block_fails_with_its_code(block: Block) -> None:
    code = stated_code(block)
    text = wrapped(block.body)
    errors = [d for d in diagnostics(text, f"{block.name}.nest") if d.is_error]
    rendered = "\n".join(d.render(text) for d in errors)
    assert {d.code for d in errors} == {code}, rendered


def test_yaml_shown_after_a_spec_is_its_yaml_form() -> None:
    shown = 0
    for doc in documents():
        for before, block in pairwise(fenced_blocks(doc)):
            if block.lang == "yaml" and before.lang == "nest":
                assert interchange.to_yaml(parse(before.body)) == block.body, block.name
                shown += 1
    assert shown >= 1


def test_wrapping_puts_each_kind_of_fragment_where_it_belongs() -> None:
    assert wrapped("roles admin\n").startswith("project demo {\n  roles admin\n}")
    assert wrapped("enum A { x }\n") == WRAP_PROJECT + "enum A { x }\n"
    assert "entity Sample {\n  # note\n  name: string\n}" in wrapped("# note\nname: string\n")
    whole = "project p {\n  auth jwt\n}\n"
    assert wrapped(whole) == whole


# ---- the table of error codes -------------------------------------------------------------


def documented_codes() -> set[str]:
    """The codes in the first column of the tables under '## 25. Error codes'."""
    text = DSL.read_text(encoding="utf-8")
    section = text.split("\n## 25. Error codes", 1)[1].split("\n## ", 1)[0]
    codes: set[str] = set()
    for line in section.split("\n"):
        if line.startswith("| `"):
            codes.update(re.findall(r"`([a-z0-9-]+)`", line.split("|")[1]))
    return codes


def literal_codes() -> set[str]:
    """Codes written as string literals in calls that report diagnostics."""
    codes: set[str] = set()
    for path in SPEC_SOURCES.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            position = REPORTERS.get(name)
            if position is None or len(node.args) <= position:
                continue
            code = node.args[position]
            if isinstance(code, ast.Constant) and isinstance(code.value, str):
                assert KEBAB.match(code.value), f"{path.name}: code {code.value!r}"
                codes.add(code.value)
    return codes


def misspelt_word_codes() -> set[str]:
    """The codes the builder gives a misspelt fixed word (``unknown-rate-period``...), found
    by asking the builder about each kind of word it checks."""
    codes: set[str] = set()
    for name in ("builder.py", "entity_builder.py"):
        tree = ast.parse((SPEC_SOURCES / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or getattr(node.func, "attr", "") != "word":
                continue
            if len(node.args) < 3:
                continue
            what = node.args[2]
            if isinstance(what, ast.Constant) and isinstance(what.value, str):
                builder = Builder("probe.nest")
                builder.word(Token("NAME", "zzz"), Literal["a"], what.value, "a")
                codes.add(builder.errors[-1].code)
    return codes


def test_every_documented_code_exists() -> None:
    demonstrated = {stated_code(b) for b in blocks_of("nest-error")}
    known = literal_codes() | misspelt_word_codes() | demonstrated
    assert documented_codes() - known == set()


def test_every_code_the_checker_reports_is_documented() -> None:
    reported = literal_codes() | misspelt_word_codes()
    assert len(reported) > 100
    assert reported - documented_codes() == set()


# ---- commands in docs/cli.md --------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    line: int
    args: tuple[str, ...]
    exit_code: int


def cli_commands() -> list[Command]:
    """Every ``$ infranest`` line of the console blocks and the exit status stated after it."""
    commands: list[Command] = []
    for block in fenced_blocks(CLI):
        if block.lang != "console":
            continue
        lines = block.body.split("\n")
        for offset, line in enumerate(lines):
            if not line.startswith("$ "):
                continue
            words = shlex.split(line[2:])
            assert words[0] == "infranest", f"{CLI.name}:{block.line + offset + 1}: {line}"
            stated = None
            for after in lines[offset + 1 :]:
                if after.startswith("$ "):
                    break
                match = re.fullmatch(r"# exit (\d+)", after)
                if match is not None:
                    stated = int(match.group(1))
                    break
            assert stated is not None, f"{CLI.name}:{block.line + offset + 1}: no '# exit N'"
            commands.append(Command(block.line + offset + 1, tuple(words[1:]), stated))
    return commands


def test_cli_commands_exit_as_documented(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    for block in fenced_blocks(CLI):
        for attr in block.attrs:
            if attr.startswith("file="):
                (tmp_path / attr.removeprefix("file=")).write_text(block.body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    commands = cli_commands()
    assert len(commands) >= 10
    failures = []
    for command in commands:
        result = runner.invoke(app, list(command.args))
        crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
        if crashed or result.exit_code != command.exit_code:
            failures.append(
                f"cli.md:{command.line}: infranest {' '.join(command.args)} exited "
                f"{result.exit_code}, documented {command.exit_code}"
                + (f" ({result.exception!r})" if crashed else "")
                + f"\n{result.output}"
            )
    assert not failures, "\n".join(failures)
