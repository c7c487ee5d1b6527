"""The generation engine with a small target defined here: planning, merging, writing."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest
from typer.testing import CliRunner

from infranest.cli.app import app
from infranest.generate import generate, render
from infranest.generate.formatting import format_python
from infranest.generate.merge import three_way
from infranest.generate.plan import BASE_DIR, MANIFEST
from infranest.generate.target import Files, ProjectView
from infranest.spec.parser import parse

SPEC = """
project notes "Notes" {
  auth jwt
}

entity Note {
  title: string(80)
  body: text optional
}
"""


class ListingTarget:
    """A real target, small enough to read: one Python module per entity and a README."""

    name = "listing"
    language = "python"

    def render(self, view: ProjectView) -> Files:
        files = {"README.md": f"# {view.spec.project.name}\n"}
        for resource in view.shape.resources:
            keys = ", ".join(repr(f.name) for f in resource.read.fields)
            files[f"app/{resource.name}.py"] = (
                f"PATH = {resource.path!r}\n\nKEYS = ({keys},)\n\n\ndef describe():\n"
                f"    return PATH\n"
            )
        return files

    def format(self, files: Mapping[str, str]) -> Files:
        return format_python(files)


TARGET = ListingTarget()


def with_field(extra: str) -> str:
    return SPEC.replace("  body: text optional\n", f"  body: text optional\n  {extra}\n")


def test_render_is_deterministic_and_formatted() -> None:
    spec = parse(SPEC)
    first, second = render(spec, TARGET), render(spec, TARGET)
    assert first == second
    assert list(first) == sorted(first)
    assert first["app/note.py"].startswith('PATH = "/notes"\n')  # ruff's quote style


def test_fresh_generation_writes_files_manifest_and_base(tmp_path: Path) -> None:
    out = tmp_path / "svc"
    report = generate(parse(SPEC), TARGET, out)
    assert {c.action for c in report.changes} == {"create"}
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["target"] == "listing"
    assert set(manifest["files"]) == {c.path for c in report.changes}
    for change in report.changes:
        assert (out / change.path).read_text() == change.after
        assert (out / BASE_DIR / change.path).read_text() == change.after
    assert (out / ".infranest" / "spec.nest").read_text().startswith("project notes")


def test_regeneration_keeps_hand_edits_and_applies_spec_changes(tmp_path: Path) -> None:
    out = tmp_path / "svc"
    generate(parse(SPEC), TARGET, out)
    module = out / "app" / "note.py"
    edited = module.read_text() + "\n\ndef shout():\n    return describe().upper()\n"
    module.write_text(edited)
    report = generate(parse(with_field("pinned: bool = false")), TARGET, out)
    text = module.read_text()
    assert "def shout():" in text
    assert '"pinned"' in text
    actions = {c.path: c.action for c in report.changes}
    assert actions["app/note.py"] == "merge"
    assert not report.conflicts


def test_conflicting_edit_gets_markers_and_cli_exit_3(tmp_path: Path) -> None:
    out = tmp_path / "svc"
    spec_file = tmp_path / "notes.nest"
    spec_file.write_text(SPEC)
    generate(parse(SPEC), TARGET, out)
    module = out / "app" / "note.py"
    module.write_text(module.read_text().replace('"body"', '"my_body"'))
    new_spec = parse(with_field("pinned: bool = false"))
    report = generate(new_spec, TARGET, out)
    assert [c.path for c in report.conflicts] == ["app/note.py"]
    text = module.read_text()
    assert "<<<<<<< yours (on disk)" in text
    assert ">>>>>>> generated (from the spec)" in text
    # The base copy is the new output, so resolving and regenerating is clean.
    base = (out / BASE_DIR / "app" / "note.py").read_text()
    assert '"pinned"' in base
    assert "<<<<<<<" not in base


def test_unchanged_spec_regenerates_nothing(tmp_path: Path) -> None:
    out = tmp_path / "svc"
    generate(parse(SPEC), TARGET, out)
    report = generate(parse(SPEC), TARGET, out)
    assert {c.action for c in report.changes} == {"unchanged"}


def test_dry_run_writes_nothing_and_shows_a_diff(tmp_path: Path) -> None:
    out = tmp_path / "svc"
    generate(parse(SPEC), TARGET, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    report = generate(parse(with_field("pinned: bool = false")), TARGET, out, dry_run=True)
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert before == after
    diff = report.plan.diff()
    assert "--- a/app/note.py" in diff
    assert '+    "pinned",' in diff


def test_removed_entity_deletes_its_untouched_file_but_keeps_an_edited_one(tmp_path: Path) -> None:
    two = SPEC + "\nentity Tag {\n  name: string(20)\n}\n\nentity Folder {\n  name: string(20)\n}\n"
    out = tmp_path / "svc"
    generate(parse(two), TARGET, out)
    (out / "app" / "folder.py").write_text("# mine now\n")
    report = generate(parse(SPEC), TARGET, out)
    actions = {c.path: c.action for c in report.changes}
    assert actions["app/tag.py"] == "delete"
    assert actions["app/folder.py"] == "orphan"
    assert not (out / "app" / "tag.py").exists()
    assert (out / "app" / "folder.py").read_text() == "# mine now\n"


def test_a_foreign_file_in_the_way_is_a_conflict_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "svc"
    out.mkdir()
    (out / "README.md").write_text("my own readme\n")
    report = generate(parse(SPEC), TARGET, out)
    assert [c.path for c in report.conflicts] == ["README.md"]
    assert "my own readme" in (out / "README.md").read_text()
    forced = generate(parse(SPEC), TARGET, out, force=True)
    assert {c.path: c.action for c in forced.changes}["README.md"] == "overwrite"
    assert (out / "README.md").read_text() == "# notes\n"


def test_a_failed_write_leaves_the_folder_exactly_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "svc"
    generate(parse(SPEC), TARGET, out)
    # A real failure: a folder stands where the new spec's output wants a file.
    (out / "README.md").unlink()
    (out / "README.md").mkdir()
    (out / "README.md" / "mine.txt").write_text("keep me")
    snapshot = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with pytest.raises(IsADirectoryError, match=r"README\.md is a folder"):
        generate(parse(with_field("pinned: bool = false")), TARGET, out)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == snapshot


class Escaping(ListingTarget):
    def format(self, files: Mapping[str, str]) -> Files:
        return {**format_python(files), "app/../../escape.txt": "x"}


def test_a_target_cannot_write_outside_the_folder_and_a_failed_first_run_leaves_none(
    tmp_path: Path,
) -> None:
    out = tmp_path / "fresh"
    with pytest.raises(ValueError, match="outside the output folder"):
        generate(parse(SPEC), Escaping(), out)
    assert not out.exists()
    assert not (tmp_path / "escape.txt").exists()


@pytest.mark.parametrize(
    ("base", "mine", "theirs", "expected", "conflicts"),
    [
        ("a\n", "a\n", "b\n", "b\n", 0),
        ("a\n", "b\n", "a\n", "b\n", 0),
        ("a\n", "b\n", "b\n", "b\n", 0),
        ("a\nb\nc\n", "A\nb\nc\n", "a\nb\nC\n", "A\nb\nC\n", 0),
        ("a\n", "x\n", "y\n", None, 1),
        ("a", "a\nmine", "a\ntheirs", None, 1),
    ],
)
def test_three_way(base: str, mine: str, theirs: str, expected: str | None, conflicts: int) -> None:
    result = three_way(base, mine, theirs)
    assert result.conflicts == conflicts
    if expected is not None:
        assert result.text == expected
    else:
        lines = result.text.splitlines()
        assert lines.count("=======") == 1
        assert all(marker in result.text for marker in ("<<<<<<< ", ">>>>>>> "))


def test_generate_cli_rejects_an_unknown_target_and_a_bad_spec(tmp_path: Path) -> None:
    runner = CliRunner()
    spec_file = tmp_path / "notes.nest"
    spec_file.write_text(SPEC)
    unknown = runner.invoke(app, ["generate", str(spec_file), "-t", "cobol", "-o", str(tmp_path)])
    assert unknown.exit_code == 2
    bad = tmp_path / "bad.nest"
    bad.write_text(SPEC.replace("string(80)", "strng(80)"))
    out = tmp_path / "never"
    result = runner.invoke(app, ["generate", str(bad), "-t", "fastapi", "-o", str(out)])
    if "unknown target" in result.output:
        pytest.skip("the fastapi target is not installed yet")
    assert result.exit_code == 1
    assert not out.exists()
