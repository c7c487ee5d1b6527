"""Deployment files (``deploy/``): every kind rendered, parsed and schema-checked."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import kubernetes_validate  # type: ignore[import-untyped]
import pytest
import yaml
from hcl2.api import loads as hcl_loads
from typer.testing import CliRunner

from infranest.cli.app import app
from infranest.generate import render
from infranest.generate.deploy import (
    DEPLOY_KINDS,
    UnknownDeployKindError,
    default_runtime,
    parse_kinds,
    render_deploy,
)
from infranest.generate.deploy.runtime import replicas
from infranest.generate.target import ProjectView, load_target
from infranest.spec.loader import load
from infranest.spec.model import Auth, Growth, Integration, Load, Project, Spec

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.nest"))
ALL = frozenset(DEPLOY_KINDS)
SCHEMA_CHECKED = {"shop", "iot", "helpdesk"}


def _spec(name: str = "shop") -> Spec:
    return load(ROOT / "examples" / f"{name}.nest").spec


def _deploy(spec: Spec, kinds: frozenset[str] = ALL) -> dict[str, str]:
    return render_deploy(ProjectView.of(spec), default_runtime(spec, {}), kinds)


@pytest.fixture(scope="module")
def shop() -> dict[str, str]:
    return _deploy(_spec())


def test_every_kind_has_its_files(shop: dict[str, str]) -> None:
    folders = {p.split("/")[1] if p.count("/") > 1 else p for p in shop}
    assert folders == {"k8s", "helm", "terraform", "deploy/README.md"}
    for cloud in ("aws", "gcp", "azure"):
        for name in ("versions", "variables", "main", "outputs"):
            assert f"deploy/terraform/{cloud}/{name}.tf" in shop
    kinds = {yaml.safe_load(t)["kind"] for p, t in shop.items() if p.startswith("deploy/k8s/")}
    assert {"Deployment", "Service", "Ingress", "HorizontalPodAutoscaler", "ConfigMap", "Job"} <= (
        kinds
    )
    assert "deploy/helm/shop/Chart.yaml" in shop
    assert "deploy/helm/shop/templates/migrate-job.yaml" in shop


@pytest.mark.parametrize("kind", DEPLOY_KINDS)
def test_one_kind_alone(kind: str) -> None:
    files = _deploy(_spec(), frozenset({kind}))
    prefix = {"k8s": "deploy/k8s/", "helm": "deploy/helm/"}.get(kind, f"deploy/terraform/{kind}/")
    shared = {"deploy/README.md", "deploy/terraform/.gitignore"}
    assert all(p.startswith(prefix) or p in shared for p in files)
    assert any(p.startswith(prefix) for p in files)


def test_deployment_probes_limits_and_security(shop: dict[str, str]) -> None:
    deployment = yaml.safe_load(shop["deploy/k8s/deployment.yaml"])
    pod = deployment["spec"]["template"]["spec"]
    container = pod["containers"][0]
    assert container["livenessProbe"]["httpGet"]["path"] == "/health"
    assert container["readinessProbe"]["httpGet"]["path"] == "/ready"
    assert container["resources"]["limits"] == {"cpu": "500m", "memory": "1024Mi"}
    assert container["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert pod["securityContext"]["runAsUser"] == 10001
    refs = container["envFrom"]
    assert refs == [
        {"configMapRef": {"name": "shop-config"}},
        {"secretRef": {"name": "shop-secrets"}},
    ]


def test_config_and_secrets_follow_the_shared_variables(shop: dict[str, str]) -> None:
    config = yaml.safe_load(shop["deploy/k8s/configmap.yaml"])["data"]
    assert config["ENVIRONMENT"] == "production"
    assert config["DEFAULT_ROLE"] == "customer"  # the spec's last role
    assert config["CORS_ORIGINS"] == "https://shop.example.com,https://admin.shop.example.com"
    assert "SECRET_KEY" not in config
    assert "DATABASE_URL" not in config
    runtime = default_runtime(_spec(), {})
    secrets = {v.name for v in runtime.secrets}
    assert {"DATABASE_URL", "SECRET_KEY", "OAUTH_GOOGLE_CLIENT_SECRET"} <= secrets
    assert "OAUTH_APPLE_CLIENT_ID" in secrets


def test_hpa_sized_from_load_and_growth(shop: dict[str, str]) -> None:
    hpa = yaml.safe_load(shop["deploy/k8s/hpa.yaml"])
    # shop: 120 rps average, 900 peak, 6 %/month for a year, 50 rps per replica
    assert (hpa["spec"]["minReplicas"], hpa["spec"]["maxReplicas"]) == (3, 37)
    spec = _spec()
    quiet = spec.model_copy(
        update={"project": spec.project.model_copy(update={"load": None, "growth": None})}
    )
    assert replicas(quiet) == (2, 10)
    busy = spec.model_copy(
        update={
            "project": spec.project.model_copy(
                update={"load": Load(rps=10, peak_rps=40), "growth": Growth(rate=0)}
            )
        }
    )
    assert replicas(busy) == (2, 3)


def test_migrations_run_the_declared_command() -> None:
    spec = _spec()
    files = render(spec, load_target("fastapi"), frozenset({"k8s", "aws"}))
    job = yaml.safe_load(files["deploy/k8s/migrate-job.yaml"])
    assert job["spec"]["template"]["spec"]["containers"][0]["command"] == [
        "alembic",
        "upgrade",
        "head",
    ]
    assert '["alembic", "upgrade", "head"]' in files["deploy/terraform/aws/main.tf"]
    assert not any(p.startswith(("deploy/helm/", "deploy/terraform/gcp/")) for p in files)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_renders_valid_files(example: Path) -> None:
    files = _deploy(load(example).spec)
    tf = [p for p in files if p.endswith(".tf")]
    assert len(tf) == 12
    for path in tf:
        assert isinstance(hcl_loads(files[path]), dict), path
    for path, text in files.items():
        if path.startswith("deploy/helm/") and path.endswith(("Chart.yaml", "values.yaml")):
            assert isinstance(yaml.safe_load(text), dict), path
    chart = next(p.rsplit("/", 1)[0] for p in files if p.endswith("/Chart.yaml"))
    schema = json.loads(files[f"{chart}/values.schema.json"])
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.validate(yaml.safe_load(files[f"{chart}/values.yaml"]), schema)
    if example.stem in SCHEMA_CHECKED:  # the schema is slow to load: a few examples suffice
        version = kubernetes_validate.latest_version()
        for path, text in files.items():
            if path.startswith("deploy/k8s/"):
                for doc in yaml.safe_load_all(text):
                    kubernetes_validate.validate(doc, version, strict=True)


def test_every_skipped_check_has_a_reason(shop: dict[str, str]) -> None:
    inline = re.compile(r"#checkov:skip=([A-Z0-9_]+)(?::(.*))?")
    annotation = re.compile(r"checkov\.io/skip\d+: ([A-Z0-9_]+)(?:=(.*))?")
    found = 0
    for text in shop.values():
        for match in [*inline.finditer(text), *annotation.finditer(text)]:
            found += 1
            reason = (match.group(2) or "").strip()
            assert len(reason) > 10, match.group(0)
    assert found >= 8


@pytest.mark.skipif(shutil.which("terraform") is None, reason="terraform is not installed")
def test_terraform_is_fmt_clean(shop: dict[str, str], tmp_path: Path) -> None:
    for path, text in shop.items():
        if path.endswith(".tf"):
            target = tmp_path / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    done = subprocess.run(
        ["terraform", "fmt", "-check", "-recursive", "-list=true", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout


def test_rendering_is_deterministic() -> None:
    assert _deploy(_spec()) == _deploy(_spec())


def test_no_kinds_no_files() -> None:
    assert _deploy(_spec(), frozenset()) == {}


def test_parse_kinds() -> None:
    assert parse_kinds("k8s, aws") == {"k8s", "aws"}
    assert parse_kinds("none") == frozenset()
    assert parse_kinds("all") == ALL
    with pytest.raises(UnknownDeployKindError, match="valid: k8s, helm, aws, gcp, azure"):
        parse_kinds("k8s,heroku")


def test_cli_deploy_none_and_bad_kind(tmp_path: Path) -> None:
    runner = CliRunner()
    spec = str(ROOT / "examples" / "shop.nest")
    bad = runner.invoke(
        app, ["generate", spec, "-t", "fastapi", "-o", str(tmp_path / "bad"), "--deploy", "k9s"]
    )
    assert bad.exit_code == 2
    assert "k9s" in bad.output
    assert "k8s, helm, aws, gcp, azure" in bad.output
    assert not (tmp_path / "bad").exists()
    out = tmp_path / "none"
    done = runner.invoke(
        app, ["generate", spec, "-t", "fastapi", "-o", str(out), "--deploy", "none"]
    )
    assert done.exit_code == 0, done.output
    assert (out / "Dockerfile").is_file()
    assert not (out / "deploy").exists()
    some = tmp_path / "some"
    done = runner.invoke(
        app, ["generate", spec, "-t", "fastapi", "-o", str(some), "--deploy", "gcp"]
    )
    assert done.exit_code == 0, done.output
    assert sorted(p.name for p in (some / "deploy").iterdir()) == ["README.md", "terraform"]
    assert sorted(p.name for p in (some / "deploy" / "terraform").iterdir()) == [
        ".gitignore",
        "gcp",
    ]


def test_runtime_without_auth_and_with_integrations() -> None:
    spec = Spec(
        project=Project(name="chinook_postgres_schema", auth=Auth(methods=("none",))),
        integrations=(Integration(name="Mailer", secret="MAILER_API_KEY"),),
    )
    runtime = default_runtime(spec, {"infranest.toml": '[tool.infranest]\nmigrate = ["m", "up"]\n'})
    names = [v.name for v in runtime.env]
    assert "ACCESS_TOKEN_MINUTES" not in names
    assert "DEFAULT_ROLE" not in names
    assert [v.name for v in runtime.secrets] == ["DATABASE_URL", "SECRET_KEY", "MAILER_API_KEY"]
    assert runtime.migrate == ("m", "up")
    assert runtime.app == "chinook-postgres"  # whole words within 20 characters
