"""The ``deploy`` step with the real tools: checkov (installed into a tool environment of its
own on first use), kubernetes-validate, the HCL parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from infranest.generate import render
from infranest.generate.target import load_target
from infranest.spec.loader import load
from infranest.verify.deploy import deploy
from infranest.verify.project import Options, Project, own_python, toolchain
from infranest.verify.tools import installed

ROOT = Path(__file__).resolve().parents[2]


def _project(root: Path) -> Project:
    return Project(root, "fastapi", "app", ("alembic", "upgrade", "head"), ("uvicorn", "{port}"))


def _write(root: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def shop_files() -> dict[str, str]:
    """The shop project's Dockerfile and deploy/ folder (the app itself is not scanned)."""
    files = render(load(ROOT / "examples" / "shop.nest").spec, load_target("fastapi"))
    return {p: t for p, t in files.items() if p == "Dockerfile" or p.startswith("deploy/")}


@pytest.mark.slow  # checkov takes half a minute or more per run
def test_generated_deploy_files_pass(shop_files: dict[str, str], tmp_path: Path) -> None:
    _write(tmp_path, shop_files)
    result = deploy(_project(tmp_path), toolchain(own_python()), Options())
    assert result.status == "passed", (result.summary, result.findings)
    assert result.findings == ()
    assert result.counts["checkov_failed"] == 0
    assert result.counts["checkov_passed"] > 300  # Dockerfile, manifests and three clouds
    # the ten manifests of deploy/k8s, and the chart's resources when helm can render it
    assert result.counts["manifests"] >= 10
    if installed("helm") is not None:
        assert result.counts["charts"] == 1
        assert result.counts["manifests"] > 10
    assert result.counts["terraform_files"] == 12


@pytest.mark.slow
def test_broken_files_fail_with_findings(shop_files: dict[str, str], tmp_path: Path) -> None:
    broken = dict(shop_files)
    deployment = broken["deploy/k8s/deployment.yaml"]
    for old, new in (
        ("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false"),
        ("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true"),
        ("containerPort: 8000", "containerPort: 8000\n              hostPort: 80"),
        ("revisionHistoryLimit: 5", "revisionHistoryLimit: 5\n  replicaz: 2"),
    ):
        assert old in deployment
        deployment = deployment.replace(old, new, 1)
    broken["deploy/k8s/deployment.yaml"] = deployment
    broken["deploy/terraform/aws/outputs.tf"] += 'output "oops" {\n  value = \n}\n'
    _write(tmp_path, broken)
    result = deploy(_project(tmp_path), toolchain(own_python()), Options())
    assert result.status == "failed"
    codes = {f.code: f for f in result.findings}
    assert "CKV_K8S_22" in codes  # read-only root filesystem
    assert "CKV_K8S_20" in codes  # privilege escalation
    assert codes["CKV_K8S_22"].location.startswith("deploy/k8s/deployment.yaml:")
    assert "k8s-schema" in codes  # replicaz is no field of a Deployment's spec
    assert "replicaz" in codes["k8s-schema"].message
    assert codes["hcl-syntax"].location.startswith("deploy/terraform/aws/outputs.tf:")
    assert result.counts["checkov_failed"] >= 2


def test_nothing_to_check_is_skipped(tmp_path: Path) -> None:
    result = deploy(_project(tmp_path), toolchain(own_python()), Options())
    assert result.status == "skipped"
