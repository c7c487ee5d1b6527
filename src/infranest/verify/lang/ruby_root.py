"""Run a Ruby project's tools inside another Debian root filesystem.

``INFRANEST_RUBY_ROOT=DIR`` names a root (e.g. the Debian trixie one, with Rails 7.2, that
``scripts/rails-current.sh DIR`` builds). verify's Ruby steps then write a ``bundle`` and a
``ruby`` wrapper into the project (``.infranest/verify/ruby-root/``) that ``chroot`` into DIR
with the project mounted at its own path there, and use that folder as the toolchain's
``bin_dir``: every command, the ``[tool.infranest]`` migrate and serve ones included, runs
inside the root. The mounts (project, ``/proc``, ``/dev``) live in a private mount namespace
and end with each command; the network is shared, so a served project answers on 127.0.0.1.
"""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Mapping
from pathlib import Path

from infranest.verify.project import WORK_DIR

ROOT_VARIABLE = "INFRANEST_RUBY_ROOT"
ROOT_BIN = f"{WORK_DIR}/ruby-root"
ROOT_TOOLS = ("bundle", "ruby")
BUILD_SCRIPT = "scripts/rails-current.sh"
_ROOT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
# The caller's home and XDG folders are this machine's paths, absent from the root (RuboCop
# resolves its cache folder from them and stops when it is missing): inside, home is /root.
_HOME = "-u XDG_CACHE_HOME -u XDG_CONFIG_HOME -u XDG_DATA_HOME HOME=/root"
# The inner shell: $1 the root, $2 the tool, then the tool's arguments.
_IN_ROOT = (
    "root=$1; tool=$2; shift 2; here=$(pwd -P)\n"
    'mkdir -p "$root$here" && mount --bind "$here" "$root$here" &&\n'
    '  mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" || exit 125\n'
    f'exec chroot "$root" /usr/bin/env -C "$here" {_HOME} PATH={_ROOT_PATH} "$tool" "$@"'
)


def ruby_root(environ: Mapping[str, str] = os.environ) -> Path | None:
    """The root named by ``INFRANEST_RUBY_ROOT``; None: use this machine's Ruby."""
    value = environ.get(ROOT_VARIABLE, "").strip()
    return Path(value).resolve() if value else None


def root_problem(root: Path) -> str | None:
    """Why Ruby commands cannot run inside ``root``; None when they can."""
    if not (root / "usr/bin/bundle").is_file():
        return (
            f"{ROOT_VARIABLE}={root} is not a Ruby root: it has no usr/bin/bundle "
            f"(build one with `{BUILD_SCRIPT} {root}`, or unset {ROOT_VARIABLE})"
        )
    if os.geteuid() != 0:
        return f"{ROOT_VARIABLE} needs root (chroot and mount); unset it to use this machine's Ruby"
    missing = [tool for tool in ("unshare", "chroot") if shutil.which(tool) is None]
    if missing:
        return (
            f"{ROOT_VARIABLE} needs {' and '.join(missing)} on this machine (util-linux, coreutils)"
        )
    return None


def root_wrapper(root: Path, tool: str) -> str:
    """A shell script running ``tool`` with its arguments inside ``root``, from the current
    folder mounted at the same path there."""
    return (
        "#!/bin/sh\n"
        f"# Written by infranest verify ({ROOT_VARIABLE}): `{tool}` inside {root}.\n"
        "exec unshare --mount --propagation private -- /bin/sh -c "
        f'{shlex.quote(_IN_ROOT)} sh {shlex.quote(str(root))} {tool} "$@"\n'
    )


def root_wrappers(project_root: Path, root: Path) -> Path:
    """Write the wrapper of each of ``ROOT_TOOLS`` into the project; return their folder."""
    folder = project_root / ROOT_BIN
    folder.mkdir(parents=True, exist_ok=True)
    for tool in ROOT_TOOLS:
        script = folder / tool
        script.write_text(root_wrapper(root, tool), encoding="utf-8")
        script.chmod(0o755)
    return folder


def root_bundle(project_root: Path, environ: Mapping[str, str] = os.environ) -> Path | str | None:
    """The ``bundle`` wrapper into ``INFRANEST_RUBY_ROOT`` (written now), why that root cannot
    be used, or None when the variable is not set."""
    root = ruby_root(environ)
    if root is None:
        return None
    return root_problem(root) or root_wrappers(project_root, root) / "bundle"
