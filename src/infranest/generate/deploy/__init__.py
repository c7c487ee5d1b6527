"""Deployment files every generated project gets, whatever its target.

``render_deploy`` gives Kubernetes manifests (``deploy/k8s``), a Helm chart
(``deploy/helm/<app>``), Terraform for AWS, GCP and Azure (``deploy/terraform/<cloud>``)
and ``deploy/README.md``; ``kinds`` chooses which.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from infranest.generate.deploy.kinds import (
    ALL_KINDS,
    DEPLOY_KINDS,
    UnknownDeployKindError,
    parse_kinds,
)
from infranest.generate.deploy.render import (
    CLOUDS,
    render_gitignore,
    render_helm,
    render_k8s,
    render_readme,
    render_terraform,
)
from infranest.generate.deploy.runtime import EnvVar, Runtime, default_runtime

if TYPE_CHECKING:
    from infranest.generate.target import ProjectView

__all__ = [
    "ALL_KINDS",
    "DEPLOY_KINDS",
    "EnvVar",
    "Runtime",
    "UnknownDeployKindError",
    "default_runtime",
    "parse_kinds",
    "render_deploy",
]


def render_deploy(view: ProjectView, runtime: Runtime, kinds: frozenset[str]) -> dict[str, str]:
    """The deployment files of ``kinds`` for the service ``runtime`` describes, sorted by
    path (nothing at all when ``kinds`` is empty)."""
    if not kinds:
        return {}
    spec = view.spec
    files: dict[str, str] = {}
    if "k8s" in kinds:
        files.update(render_k8s(spec, runtime))
    if "helm" in kinds:
        files.update(render_helm(spec, runtime))
    for cloud in CLOUDS:
        if cloud in kinds:
            files.update(render_terraform(spec, runtime, cloud))
    if kinds & set(CLOUDS):
        files["deploy/terraform/.gitignore"] = render_gitignore()
    files["deploy/README.md"] = render_readme(spec, runtime, kinds)
    return dict(sorted(files.items()))
