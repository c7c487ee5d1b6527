"""verify picks its steps by the project's language: where the ``[tool.infranest]`` table
lives, which files must exist, and a clear error for a language it has no steps for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from verify_support import MakeProject

from infranest.verify import NotAProjectError, load_project
from infranest.verify.lang import UnsupportedLanguageError, language
from infranest.verify.project import LANGUAGE_OF, Toolchain, base_env

TOML = """[tool.infranest]
package = "internal"
migrate = ["server", "migrate"]
serve = ["server", "--port", "{port}"]
"""


def _set_target(root: Path, target: str) -> None:
    manifest = root / ".infranest" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["target"] = target
    manifest.write_text(json.dumps(data), encoding="utf-8")


def test_every_target_has_a_language() -> None:
    from infranest.generate.target import TARGET_NAMES

    assert set(LANGUAGE_OF) == set(TARGET_NAMES)
    assert language("python").name == "python"


def test_python_projects_keep_the_table_in_pyproject(make_project: MakeProject) -> None:
    project = load_project(make_project())
    assert (project.language, project.package) == ("python", "tinyapp")


def test_other_languages_read_infranest_toml(make_project: MakeProject) -> None:
    root = make_project(files={"infranest.toml": TOML})
    _set_target(root, "fiber")
    try:
        language("go")
    except UnsupportedLanguageError:
        with pytest.raises(NotAProjectError, match="does not support go projects"):
            load_project(root)
        return
    with pytest.raises(NotAProjectError) as caught:
        load_project(root)  # no go.mod
    assert any("go.mod" in item for item in caught.value.missing)
    for name in language("go").required:
        (root / name).write_text("module example.com/app\n\ngo 1.22\n")
    project = load_project(root)
    assert (project.language, project.package, project.serve[-1]) == ("go", "internal", "{port}")


def test_a_missing_infranest_toml_is_named(make_project: MakeProject) -> None:
    root = make_project()
    _set_target(root, "express")
    with pytest.raises(NotAProjectError) as caught:
        load_project(root)
    assert "infranest.toml" in caught.value.missing


def test_an_unknown_target_is_named(make_project: MakeProject) -> None:
    root = make_project()
    _set_target(root, "cobol")
    with pytest.raises(NotAProjectError, match="names target 'cobol'"):
        load_project(root)


def test_unknown_language_is_refused() -> None:
    with pytest.raises(UnsupportedLanguageError, match="cobol"):
        language("cobol")


def test_a_toolchain_without_python_runs_bare_tools(tmp_path: Path) -> None:
    (tmp_path / "server").write_text("#!/bin/sh\n")
    (tmp_path / "server").chmod(0o755)
    chain = Toolchain(tmp_path, base_env((tmp_path,)))
    assert chain.tool("gofmt") == ["gofmt"]
    assert chain.tool("server") == [str(tmp_path / "server")]
    assert chain.command(("server", "--port", "{port}"), 9000) == [
        str(tmp_path / "server"),
        "--port",
        "9000",
    ]
    assert chain.env["PATH"].startswith(str(tmp_path))


def test_the_cli_accepts_every_step_name() -> None:
    from infranest.cli.verify_cmds import Step
    from infranest.verify.report import STEP_NAMES

    assert [s.value for s in Step] == list(STEP_NAMES)
