"""The ``deploy`` step with the real tools: checkov (installed into a tool environment of its
own on first use), kubernetes-validate, the HCL parser."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from infranest.generate import render
from infranest.generate.target import load_target
from infranest.spec.loader import load
from infranest.verify.deploy import _kubernetes, deploy
from infranest.verify.project import Options, Project, own_python, toolchain
from infranest.verify.tools import installed

ROOT = Path(__file__).resolve().parents[2]
CHART = "deploy/helm/shop"


def _require_helm() -> None:
    """Skips without helm on PATH, or fails when ``INFRANEST_REQUIRE_HELM=1`` (CI)."""
    if installed("helm") is not None:
        return
    reason = "helm is not installed (bash scripts/helm.sh installs it)"
    if os.environ.get("INFRANEST_REQUIRE_HELM") == "1":
        pytest.fail(f"INFRANEST_REQUIRE_HELM=1 but {reason}")
    pytest.skip(reason)


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
    for framework in ("dockerfile", "kubernetes", "terraform"):
        assert result.counts[f"checkov_{framework}_passed"] > 0, framework
    if os.environ.get("INFRANEST_REQUIRE_HELM") == "1":
        _require_helm()
    if installed("helm") is not None:
        # the chart lints clean, renders valid resources and checkov scans the rendering
        assert result.counts["charts"] == 1
        assert result.counts["manifests"] > 10
        assert result.counts["checkov_helm_passed"] > 100
        assert result.counts["checkov_helm_failed"] == 0
        assert "helm lint deploy/helm/shop: clean" in result.summary
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


def _chart_files(shop_files: dict[str, str]) -> dict[str, str]:
    return {p: t for p, t in shop_files.items() if p.startswith(CHART)}


def test_chart_lints_renders_and_validates(shop_files: dict[str, str], tmp_path: Path) -> None:
    _require_helm()
    _write(tmp_path, _chart_files(shop_files))
    part = _kubernetes(tmp_path, Options())
    assert part.findings == []
    assert part.counts["charts"] == 1
    assert part.counts["manifests"] == 9  # the chart's resources with its default values
    assert f"helm lint {CHART}: clean" in part.notes


def test_chart_problems_are_findings_at_their_lines(
    shop_files: dict[str, str], tmp_path: Path
) -> None:
    _require_helm()
    files = _chart_files(shop_files)
    hpa = f"{CHART}/templates/hpa.yaml"
    lines = files[hpa].splitlines()
    end = lines.index("{{- end }}") + 1  # the template's closing action
    files[hpa] = files[hpa].replace("{{- end }}", "{{- end", 1)  # left unclosed
    files[f"{CHART}/Chart.yaml"] += "icon: not a url\n"
    _write(tmp_path, files)
    part = _kubernetes(tmp_path, Options())
    codes = [(f.code, f.location, f.severity) for f in part.findings]
    assert ("helm-lint", f"{hpa}:{end}", "error") in codes
    assert ("helm-lint", f"{CHART}/Chart.yaml:1", "error") in codes  # the icon's URL
    assert ("helm-template", f"{CHART}/Chart.yaml:1", None) in codes
    assert f"helm lint {CHART}: failed" in part.notes
    assert "charts" not in part.counts
