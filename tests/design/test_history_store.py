"""Saved spec versions: save, list, read back, refs like ``shop.nest@2``."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from design_support import nest

from infranest.design.history.store import (
    HistoryError,
    history_dir,
    read_version,
    save,
    split_ref,
    versions,
)
from infranest.spec.loader import load

V1 = """entity Note {
  body: string(200)
}
"""
V2 = V1.replace("body: string(200)", "body: string(200)\n  title: string optional")


@pytest.fixture
def spec_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.nest"
    path.write_text(nest(V1), encoding="utf-8")
    return path


def test_save_list_and_read_back(spec_file: Path) -> None:
    first = save(spec_file, "first", now=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert first.number == 1
    assert first.path == history_dir(spec_file) / "0001.json"
    assert first.saved_at == "2026-01-02T03:04:05+00:00"
    spec_file.write_text(nest(V2), encoding="utf-8")
    second = save(spec_file, "add title")
    assert second.number == 2
    listed = versions(spec_file)
    assert [(v.number, v.message) for v in listed] == [(1, "first"), (2, "add title")]
    original = spec_file.parent / "v1.nest"
    original.write_text(nest(V1), encoding="utf-8")
    assert read_version(spec_file, 1) == load(original).spec
    assert read_version(spec_file, 2) == load(spec_file).spec
    assert read_version(spec_file, -1) == read_version(spec_file, 2)
    data = json.loads(first.path.read_text(encoding="utf-8"))
    assert data["message"] == "first"
    assert data["source"] == "notes.nest"


def test_unchanged_spec_is_not_saved_twice(spec_file: Path) -> None:
    save(spec_file, "first")
    with pytest.raises(HistoryError, match="unchanged since version 1"):
        save(spec_file, "again")


def test_missing_versions_name_the_place(spec_file: Path) -> None:
    with pytest.raises(HistoryError, match="no saved versions"):
        read_version(spec_file, 1)
    save(spec_file, "first")
    with pytest.raises(HistoryError, match=r"notes.nest@7: no such version \(saved: 1\)"):
        read_version(spec_file, 7)
    with pytest.raises(HistoryError, match="only 1 version"):
        read_version(spec_file, -3)


def test_a_broken_history_file_is_reported(spec_file: Path) -> None:
    save(spec_file, "first")
    (history_dir(spec_file) / "0002.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(HistoryError, match=r"0002\.json: not a saved version"):
        versions(spec_file)


def test_refs(tmp_path: Path) -> None:
    assert split_ref("shop.nest@3") == (Path("shop.nest"), 3)
    assert split_ref("shop.nest@latest") == (Path("shop.nest"), -1)
    assert split_ref("shop.nest@-2") == (Path("shop.nest"), -2)
    assert split_ref("shop.nest") == (Path("shop.nest"), None)
    odd = tmp_path / "odd@2"
    odd.write_text("", encoding="utf-8")
    assert split_ref(str(odd)) == (odd, None)  # an existing file wins
