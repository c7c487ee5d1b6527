"""verify's Ruby steps inside another root (INFRANEST_RUBY_ROOT): the wrappers and the
errors. tests/generate/test_rails_current_slow.py runs a project in a real trixie root."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from infranest.verify.lang.ruby import LANGUAGE, LOCK_ASIDE
from infranest.verify.lang.ruby_root import (
    ROOT_BIN,
    ROOT_TOOLS,
    ROOT_VARIABLE,
    root_problem,
    root_wrapper,
    ruby_root,
)
from infranest.verify.project import Options, Project


def _project(root: Path) -> Project:
    root.mkdir(parents=True, exist_ok=True)
    (root / "Gemfile").write_text('gem "rails"\n')
    return Project(root, "rails", "app", ("bundle",), ("bundle", "{port}"), "ruby")


def _fake_root(path: Path) -> Path:
    (path / "usr/bin").mkdir(parents=True)
    (path / "usr/bin/bundle").write_text("#!/usr/bin/ruby\n")
    return path


def test_the_root_comes_from_the_variable(tmp_path: Path) -> None:
    assert ruby_root({}) is None
    assert ruby_root({ROOT_VARIABLE: "  "}) is None
    assert ruby_root({ROOT_VARIABLE: str(tmp_path / "x" / "..")}) == tmp_path.resolve()


def test_a_folder_without_bundler_is_not_a_ruby_root(tmp_path: Path) -> None:
    problem = root_problem(tmp_path)
    assert problem is not None
    assert "no usr/bin/bundle" in problem
    assert f"scripts/rails-current.sh {tmp_path}" in problem


@pytest.mark.skipif(os.geteuid() != 0, reason="the root is usable only by root")
def test_a_root_with_bundler_is_usable_by_root(tmp_path: Path) -> None:
    assert root_problem(_fake_root(tmp_path / "root")) is None


def test_the_wrapper_is_a_valid_script_naming_root_and_tool(tmp_path: Path) -> None:
    script = tmp_path / "bundle"
    script.write_text(root_wrapper(Path("/srv/a root"), "bundle"))
    checked = subprocess.run(["sh", "-n", str(script)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    text = script.read_text()
    assert "'/srv/a root' bundle \"$@\"" in text
    assert "unshare --mount --propagation private" in text
    assert 'chroot "$root" /usr/bin/env -C "$here"' in text


def test_setup_fails_naming_the_variable_when_the_root_is_not_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ROOT_VARIABLE, str(tmp_path / "missing"))
    project = _project(tmp_path)
    result, chain = LANGUAGE.setup(project, Options(timeout=60))
    assert chain is None
    assert result.status == "failed"
    assert result.summary.startswith(f"{ROOT_VARIABLE}=")
    assert not (tmp_path / ROOT_BIN).exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="the root is usable only by root")
def test_the_toolchain_runs_the_tools_through_the_wrappers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ROOT_VARIABLE, str(_fake_root(tmp_path / "root")))
    project = _project(tmp_path / "project")
    chain = LANGUAGE.toolchain(project, Options())
    assert chain.bin_dir == project.root / ROOT_BIN
    assert chain.env["PATH"].split(os.pathsep)[0] == str(chain.bin_dir)
    for tool in ROOT_TOOLS:
        mode = (chain.bin_dir / tool).stat().st_mode
        assert mode & stat.S_IXUSR
    migrate = chain.command(("bundle", "exec", "rails", "db:prepare"))
    assert migrate[0] == str(chain.bin_dir / "bundle")


FOREIGN_LOCK = """GEM
  remote: https://rubygems.org/
  specs:
    rake (0.0.1)

PLATFORMS
  ruby

DEPENDENCIES
  rake
"""


@pytest.mark.skipif(shutil.which("bundle") is None, reason="bundler is not installed")
def test_setup_resolves_afresh_a_lock_another_ruby_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ROOT_VARIABLE, raising=False)
    (tmp_path / "Gemfile").write_text('source "https://rubygems.org"\ngem "rake"\n')
    (tmp_path / "Gemfile.lock").write_text(FOREIGN_LOCK)
    project = Project(tmp_path, "rails", "app", ("bundle",), ("bundle", "{port}"), "ruby")
    result, chain = LANGUAGE.setup(project, Options(timeout=120))
    assert chain is not None, result.summary + "\n" + result.output
    assert (tmp_path / LOCK_ASIDE).read_text() == FOREIGN_LOCK
    assert "rake (0.0.1)" not in (tmp_path / "Gemfile.lock").read_text()


def _built_root() -> Path | None:
    value = os.environ.get("INFRANEST_RAILS_CURRENT_ROOT", "")
    root = Path(value) if value else None
    if root is None or root_problem(root) is not None:
        return None
    return root


@pytest.mark.skipif(_built_root() is None, reason="no Ruby root at $INFRANEST_RAILS_CURRENT_ROOT")
def test_inside_the_root_home_is_the_roots_own(tmp_path: Path) -> None:
    """The caller's HOME (a folder of this machine, e.g. CI's fresh one) does not exist in
    the root; tools that resolve it (RuboCop's cache) must find a home there."""
    root = _built_root()
    assert root is not None
    script = tmp_path / "ruby"
    script.write_text(root_wrapper(root, "ruby"))
    script.chmod(0o755)
    env = {**os.environ, "HOME": str(tmp_path / "no-such-home"), "XDG_CACHE_HOME": "/nope"}
    done = subprocess.run(
        [str(script), "-e", 'print File.realpath(Dir.home), " ", ENV.fetch("XDG_CACHE_HOME", "-")'],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "/root -"
