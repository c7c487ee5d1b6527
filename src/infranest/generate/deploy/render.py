"""Render the deployment files of one kind from the templates under ``deploy/templates``."""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from infranest.generate.deploy.runtime import RPS_PER_REPLICA, Runtime
from infranest.generate.templates import FILTERS, environment
from infranest.spec.model import Spec
from infranest.spec.names import to_snake

PACKAGE = "infranest.generate.deploy"
Files = dict[str, str]

K8S_FILES = (
    "namespace",
    "serviceaccount",
    "configmap",
    "migrate-job",
    "deployment",
    "service",
    "ingress",
    "hpa",
    "pdb",
    "networkpolicy",
)
HELM_FILES = (
    "Chart.yaml",
    "values.yaml",
    "values.schema.json",
    ".helmignore",
    "templates/_helpers.tpl",
    "templates/NOTES.txt",
    "templates/serviceaccount.yaml",
    "templates/configmap.yaml",
    "templates/migrate-job.yaml",
    "templates/deployment.yaml",
    "templates/service.yaml",
    "templates/ingress.yaml",
    "templates/hpa.yaml",
    "templates/pdb.yaml",
    "templates/networkpolicy.yaml",
)
TERRAFORM_FILES = ("versions.tf", "variables.tf", "main.tf", "outputs.tf")
CLOUDS = ("aws", "gcp", "azure")

# Checks no generated manifest can satisfy by itself, skipped in-line with these reasons.
K8S_SKIPS = (
    (
        "CKV_K8S_43",
        "the image is referenced by its version tag; pin its digest in the release pipeline",
    ),
    (
        "CKV_K8S_35",
        "the service reads its settings from environment variables by contract; "
        "the Secret is injected with envFrom, never written in a manifest",
    ),
)
# Secrets the Terraform creates itself (the others come in through a variable).
GENERATED = frozenset({"DATABASE_URL", "SECRET_KEY"})
# Cloud SQL for PostgreSQL flags: log what an audit needs, keep the rest quiet.
CLOUD_SQL_FLAGS = (
    ("log_checkpoints", "on"),
    ("log_connections", "on"),
    ("log_disconnections", "on"),
    ("log_lock_waits", "on"),
    ("log_min_messages", "error"),
    ("log_min_error_statement", "error"),
    ("log_temp_files", "0"),
    ("log_min_duration_statement", "-1"),
    ("log_duration", "on"),
    ("log_hostname", "on"),
    ("log_statement", "ddl"),
    ("cloudsql.enable_pgaudit", "on"),
)
_SEMVER = re.compile(r"\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?")
_BLOCK = re.compile(r'^(?:variable|output) "([^"]+)"', re.MULTILINE)
CLOUD_TITLES = {"aws": "AWS", "gcp": "Google Cloud", "azure": "Azure"}
CLOUD_INTRO = {
    "aws": "ECS Fargate service behind an Application Load Balancer (HTTPS, HTTP redirects), "
    "RDS PostgreSQL (Multi-AZ, encrypted, TLS only, private), Secrets Manager and one KMS "
    "key, CloudWatch logs, CPU target-tracking autoscaling; the migrations are a one-off "
    "ECS task. It deploys into your VPC (private subnets need NAT or VPC endpoints).",
    "gcp": "Cloud Run (v2) service with direct VPC egress, Cloud SQL for PostgreSQL "
    "(regional, private IP only, TLS only, audit flags), Secret Manager; the migrations "
    "are a Cloud Run job. Needs a VPC network and subnetwork.",
    "azure": "Container Apps (external HTTPS ingress, HTTP scaling) in a new virtual "
    "network, PostgreSQL Flexible Server (private access, zone-redundant, TLS only), "
    "Log Analytics; the migrations are a manually triggered Container Apps job.",
}
CLOUD_REQUIRED = {
    "aws": (
        ("vpc_id", "vpc-..."),
        ("public_subnet_ids", '["subnet-a","subnet-b"]'),
        ("private_subnet_ids", '["subnet-c","subnet-d"]'),
        ("certificate_arn", "arn:aws:acm:..."),
    ),
    "gcp": (
        ("project_id", "my-project"),
        ("network", "projects/my-project/global/networks/default"),
        ("subnetwork", "projects/my-project/regions/europe-west1/subnetworks/default"),
    ),
    "azure": (("subscription_id", "00000000-0000-0000-0000-000000000000"),),
}
DB_PORTS = {"postgresql": 5432, "mysql": 3306, "sqlite": 5432}


def _context(spec: Spec, rt: Runtime) -> dict[str, Any]:
    load = spec.project.load
    growth = spec.project.growth
    if load is None or (load.rps is None and load.peak_rps is None):
        sizing = "no load in the spec, default bounds"
    else:
        sizing = f"{load.rps or 0:g} rps average, {load.peak_rps or 0:g} rps peak"
        if growth is not None:
            sizing += f", growing {growth.rate:g}% per {growth.period}"
    return {
        "rt": rt,
        "spec": spec,
        "title": spec.project.description or spec.project.name,
        "image": f"registry.example.com/{rt.app}:{rt.version}",
        "repository": f"registry.example.com/{rt.app}",
        "host": f"{rt.app}.example.com",
        "db_port": DB_PORTS.get(rt.database, 5432),
        "sizing": sizing,
        "k8s_skips": K8S_SKIPS,
        "db_name": to_snake(rt.app),
        "pad": max(len(v.name) for v in rt.config) if rt.config else 0,
        "fargate_cpu": _fargate_cpu(rt.cpu),
        "cloud_run_cpu": str(max(1, math.ceil(rt.cpu))),
        "sql_flags": CLOUD_SQL_FLAGS,
        "aca_memory": f"{rt.cpu * 2:g}Gi",
        "concurrency": round(RPS_PER_REPLICA),
        "chart_version": rt.version if _SEMVER.fullmatch(rt.version) else "0.1.0",
        "extra_secrets": ", ".join(v.name for v in rt.secrets if v.name not in GENERATED)
        or "none in this spec",
    }


def _fargate_cpu(cores: float) -> int:
    """The smallest Fargate CPU size (256, 512, 1024, ...) of at least ``cores``."""
    return next((size for size in (256, 512, 1024, 2048, 4096) if size >= cores * 1024), 4096)


def _annotations(skips: tuple[tuple[str, str], ...]) -> str:
    return "\n".join(
        f"checkov.io/skip{n}: {check}={reason}" for n, (check, reason) in enumerate(skips, 1)
    )


def render_k8s(spec: Spec, rt: Runtime) -> Files:
    env = environment(PACKAGE)
    ctx = _context(spec, rt)
    ctx["skips"] = _annotations(K8S_SKIPS)
    return {
        f"deploy/k8s/{name}.yaml": env.get_template(f"k8s/{name}.yaml.j2").render(ctx)
        for name in K8S_FILES
    }


@cache
def _helm_environment() -> Environment:
    """Helm templates are Go templates (``{{ }}``): Jinja uses ``[[ ]]``/``[% %]`` there.
    One environment per process, so each template compiles once; never modify it."""
    env = Environment(
        loader=PackageLoader(PACKAGE, "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        variable_start_string="[[",
        variable_end_string="]]",
        block_start_string="[%",
        block_end_string="%]",
        comment_start_string="[#",
        comment_end_string="#]",
    )
    env.filters.update(FILTERS)
    return env


def render_helm(spec: Spec, rt: Runtime) -> Files:
    env = _helm_environment()
    ctx = _context(spec, rt)
    ctx["skips"] = K8S_SKIPS
    return {
        f"deploy/helm/{rt.app}/{name}": env.get_template(f"helm/{name}.j2").render(ctx)
        for name in HELM_FILES
    }


def render_terraform(spec: Spec, rt: Runtime, cloud: str) -> Files:
    env = environment(PACKAGE)
    ctx = _context(spec, rt)
    return {
        f"deploy/terraform/{cloud}/{name}": env.get_template(f"terraform/{cloud}/{name}.j2").render(
            ctx
        )
        for name in TERRAFORM_FILES
    }


def render_gitignore() -> str:
    return environment(PACKAGE).get_template("terraform/gitignore.j2").render()


def render_readme(spec: Spec, rt: Runtime, kinds: frozenset[str]) -> str:
    env = environment(PACKAGE)
    ctx = _context(spec, rt)
    variables: dict[str, list[str]] = {}
    outputs: dict[str, list[str]] = {}
    for cloud in CLOUDS:
        if cloud in kinds:
            files = render_terraform(spec, rt, cloud)
            folder = f"deploy/terraform/{cloud}"
            variables[cloud] = _BLOCK.findall(files[f"{folder}/variables.tf"])
            outputs[cloud] = _BLOCK.findall(files[f"{folder}/outputs.tf"])
    ctx.update(
        kinds=kinds,
        clouds=CLOUDS,
        generated=GENERATED,
        rps=round(RPS_PER_REPLICA),
        cloud_titles=CLOUD_TITLES,
        cloud_intro=CLOUD_INTRO,
        cloud_required=CLOUD_REQUIRED,
        cloud_variables=variables,
        cloud_outputs=outputs,
    )
    return env.get_template("README.md.j2").render(ctx)
