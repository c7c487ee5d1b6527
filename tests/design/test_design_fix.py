"""``--fix``: safe fixes rewrite the spec, keep comments and untouched text, and a second
audit no longer reports what was fixed."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from design_support import nest, spec_of

from infranest.design import audit
from infranest.design.fix import fix_file, fix_spec
from infranest.design.model import Finding
from infranest.spec.loader import load
from infranest.spec.validate import validate

ROOT = Path(__file__).resolve().parents[2]
SPEC = """# Keys people use to call the API.
entity Key {
  holder: User owner on_delete(cascade)
  api_key: string(64)  # shown once
  label: text
  allow read: owner
}

integration mailer {
  url "https://mail.example.com"
  retries 2
  used_by Key.create
}
"""


def _keys(findings: Iterable[Finding]) -> set[tuple[str, str]]:
    return {(f.rule_id, f.path) for f in findings}


def test_fix_spec_applies_every_safe_fix() -> None:
    result = fix_spec(spec_of(SPEC))
    assert result.applied
    assert not result.after.fixable
    assert not [d for d in validate(result.spec) if d.is_error]
    assert not _keys(result.after.findings) & _keys(result.applied)
    key = result.spec.entity("Key")
    assert key is not None
    api_key = key.field("api_key")
    assert api_key is not None
    assert api_key.writeonly
    mailer = result.spec.integrations[0]
    assert mailer.timeout is not None
    assert mailer.backoff == "exponential"
    assert mailer.validate_response
    assert mailer.circuit_breaker


def test_fix_file_rewrites_nest_in_place(tmp_path: Path) -> None:
    path = tmp_path / "keys.nest"
    path.write_text(nest(SPEC), encoding="utf-8")
    before = audit(load(path).spec)
    outcome = fix_file(path)
    assert outcome.in_place
    assert outcome.output == path
    text = path.read_text(encoding="utf-8")
    assert "# Keys people use to call the API." in text
    assert "api_key: string(64) writeonly  # shown once" in text
    assert "timeout 10s" in text
    after = audit(load(path).spec)
    fixed = _keys(before.findings) & _keys(outcome.result.applied)
    assert fixed
    assert not _keys(after.findings) & fixed
    assert not after.fixable
    assert not list(tmp_path.glob(".*.tmp"))


def test_fix_keeps_untouched_lines_as_written(tmp_path: Path) -> None:
    odd_tag = "entity Tag {\n  name:   string(40)   # odd spacing, kept\n  allow all: admin\n}\n"
    path = tmp_path / "keys.nest"
    text = nest(SPEC).replace("\nintegration mailer", "\n" + odd_tag + "\nintegration mailer")
    path.write_text(text, encoding="utf-8")
    outcome = fix_file(path)
    assert outcome.result.applied
    text = path.read_text(encoding="utf-8")
    assert "  name:   string(40)   # odd spacing, kept\n" in text
    assert "api_key: string(64) writeonly  # shown once" in text
    assert load(path).spec == outcome.result.spec


def test_nothing_to_fix_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "clean.nest"
    path.write_text(nest('project t {\n  auth none\n  database sqlite\n  version "1"\n}'))
    stamp = path.stat().st_mtime_ns
    outcome = fix_file(path)
    assert outcome.output is None
    assert not outcome.result.applied
    assert path.stat().st_mtime_ns == stamp


def test_other_formats_are_fixed_next_to_the_input(tmp_path: Path) -> None:
    source = ROOT / "examples" / "shop.nest"
    spec = load(source).spec
    from infranest.spec.interchange import to_json

    path = tmp_path / "shop.json"
    path.write_text(to_json(spec), encoding="utf-8")
    original = path.read_text(encoding="utf-8")
    outcome = fix_file(path)
    assert not outcome.in_place
    assert outcome.output == tmp_path / "shop.fixed.nest"
    assert path.read_text(encoding="utf-8") == original
    fixed = load(tmp_path / "shop.fixed.nest")
    assert not fixed.errors
    assert not audit(fixed.spec).fixable


def test_fixed_examples_stay_valid(tmp_path: Path) -> None:
    for example in sorted((ROOT / "examples").glob("*.nest")):
        path = tmp_path / example.name
        shutil.copy(example, path)
        outcome = fix_file(path)
        loaded = load(path)
        assert not loaded.errors, example.name
        assert not audit(loaded.spec).fixable, example.name
        assert not outcome.result.skipped, example.name
