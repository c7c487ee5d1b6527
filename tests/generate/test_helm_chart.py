"""The Helm chart of generated projects, with the real ``helm`` (scripts/helm.sh installs it):
``helm lint --strict`` is clean and every ``helm template`` rendering, with the default
values and with each switch turned, is valid Kubernetes.

Without ``helm`` on PATH these tests skip, unless ``INFRANEST_REQUIRE_HELM=1`` (CI) makes
them fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import kubernetes_validate  # type: ignore[import-untyped]
import pytest
import yaml

from infranest.generate import render
from infranest.generate.target import load_target
from infranest.spec.loader import load

ROOT = Path(__file__).resolve().parents[2]
TARGETS = ("fastapi", "django", "fiber", "express", "rails")
DIGEST = "sha256:" + "0123456789abcdef" * 4
KINDS = [
    "ConfigMap",
    "Deployment",
    "HorizontalPodAutoscaler",
    "Ingress",
    "Job",
    "NetworkPolicy",
    "PodDisruptionBudget",
    "Service",
    "ServiceAccount",
]


def _helm() -> str:
    found = shutil.which("helm")
    if found is not None:
        return found
    reason = "helm is not installed (bash scripts/helm.sh installs it)"
    if os.environ.get("INFRANEST_REQUIRE_HELM") == "1":
        pytest.fail(f"INFRANEST_REQUIRE_HELM=1 but {reason}")
    pytest.skip(reason)


@cache
def _files(target: str, example: str = "shop") -> dict[str, str]:
    spec = load(ROOT / "examples" / f"{example}.nest").spec
    return render(spec, load_target(target), frozenset({"helm"}))


def _chart(tmp_path: Path, target: str, example: str = "shop") -> Path:
    """The chart of ``example`` generated for ``target``, written under ``tmp_path``."""
    files = _files(target, example)
    for path, text in files.items():
        if path.startswith("deploy/helm/"):
            (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / path).write_text(text, encoding="utf-8")
    charts = sorted((tmp_path / "deploy" / "helm").iterdir())
    assert len(charts) == 1, charts
    return charts[0]


def _helm_run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([_helm(), *args], capture_output=True, text=True, check=False)


def _template(chart: Path, *args: str, release: str = "shop") -> list[dict[str, Any]]:
    """``helm template`` of ``chart``: each rendered resource, checked against the schema."""
    done = _helm_run("template", release, str(chart), *args)
    assert done.returncode == 0, done.stderr
    docs = [d for d in yaml.safe_load_all(done.stdout) if d]
    version = kubernetes_validate.latest_version()
    for doc in docs:
        kubernetes_validate.validate(doc, version, strict=True)
    return docs


def _one(docs: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    found = [d for d in docs if d["kind"] == kind]
    assert len(found) == 1, (kind, [d["kind"] for d in docs])
    return found[0]


@pytest.mark.parametrize("target", TARGETS)
def test_chart_lints_clean_and_renders_valid_resources(target: str, tmp_path: Path) -> None:
    chart = _chart(tmp_path, target)
    lint = _helm_run("lint", "--strict", str(chart))
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert "[ERROR]" not in lint.stdout
    assert "[WARNING]" not in lint.stdout
    docs = _template(chart)
    assert sorted(d["kind"] for d in docs) == KINDS
    files = _files(target)
    config = tomllib.loads(files.get("infranest.toml") or files["pyproject.toml"])
    job = _one(docs, "Job")["spec"]["template"]["spec"]["containers"][0]
    assert job["command"] == config["tool"]["infranest"]["migrate"]  # the declared command


def test_release_name_and_namespace_name_every_resource(tmp_path: Path) -> None:
    chart = _chart(tmp_path, "fiber")
    docs = _template(chart, "--namespace", "shop-prod", release="prod")
    names = {d["metadata"]["name"] for d in docs}
    assert names == {"prod-shop", "prod-shop-config", "prod-shop-migrate"}
    deployment = _one(docs, "Deployment")
    pod = deployment["spec"]["template"]["spec"]
    assert pod["serviceAccountName"] == "prod-shop"
    assert pod["containers"][0]["envFrom"] == [
        {"configMapRef": {"name": "prod-shop-config"}},
        {"secretRef": {"name": "shop-secrets"}},
    ]
    selector = deployment["spec"]["selector"]["matchLabels"]
    assert selector["app.kubernetes.io/instance"] == "prod"
    service = _one(docs, "Service")
    assert service["spec"]["selector"] == selector


def test_every_switch_turned_still_renders_valid_resources(tmp_path: Path) -> None:
    chart = _chart(tmp_path, "express")
    docs = _template(
        chart,
        "--set",
        "autoscaling.enabled=false,migrations.enabled=false,ingress.enabled=false",
        "--set",
        f"networkPolicy.enabled=false,replicaCount=4,image.digest={DIGEST}",
    )
    kinds = sorted(d["kind"] for d in docs)
    assert kinds == ["ConfigMap", "Deployment", "PodDisruptionBudget", "Service", "ServiceAccount"]
    deployment = _one(docs, "Deployment")
    assert deployment["spec"]["replicas"] == 4
    image = deployment["spec"]["template"]["spec"]["containers"][0]["image"]
    assert image == f"registry.example.com/shop@{DIGEST}"
    # without the migration hook, the ConfigMap is an ordinary resource of the release
    assert "helm.sh/hook" not in _one(docs, "ConfigMap")["metadata"]["annotations"]


def test_values_schema_refuses_unknown_keys_and_wrong_values(tmp_path: Path) -> None:
    chart = _chart(tmp_path, "django")
    for args, problem in (
        (("--set", "replicaCont=3"), "additional properties 'replicaCont' not allowed"),
        (("--set", "image.pullPolicy=Sometimes"), "/image/pullPolicy"),
        (("--set", "ingress.host="), "/ingress/host"),
        (("--set", "image.digest=latest"), "/image/digest"),
        (("--set", "containerPort=80000"), "/containerPort"),
    ):
        done = _helm_run("template", "shop", str(chart), *args)
        assert done.returncode != 0, args
        assert problem in done.stderr, (args, done.stderr)
    # a disabled ingress needs no host
    _template(chart, "--set", "ingress.enabled=false,ingress.host=")


def test_chart_refuses_clusters_without_autoscaling_v2(tmp_path: Path) -> None:
    chart = _chart(tmp_path, "fastapi")
    done = _helm_run("template", "shop", str(chart), "--kube-version", "1.22.0")
    assert done.returncode != 0
    assert "requires kubeVersion: >=1.23.0-0" in done.stderr
    assert _template(chart, "--kube-version", "1.23.0")
