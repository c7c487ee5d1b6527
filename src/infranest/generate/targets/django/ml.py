"""The Django target's ML inference endpoints (``POST /models/{name}/predict``, one per spec
model), the predictor module the user fills, and monitoring through the vendored SDK."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import Environment

from infranest.generate.target import Files, ProjectView
from infranest.generate.targets.django.api_ctx import django_path, input_field, output_field
from infranest.monitor.vendor import ServedModel, client_source, served_models
from infranest.spec.exporters.api_types import BodyField
from infranest.spec.names import to_pascal, to_snake

TEMPLATES = (
    "api/monitoring.py",
    "api/predictions.py",
    "api/predictor.py",
    "tests/test_predictions.py",
)
_PYTHON = {"bool": "bool", "int": "int", "bigint": "int", "float": "float", "decimal": "Decimal"}


@dataclass(frozen=True)
class Output:
    key: str
    annotation: str
    baseline: str  # a Python expression


@dataclass(frozen=True)
class MlView:
    """One model's endpoint, as the templates use it."""

    name: str
    snake: str
    pascal: str
    version: str
    path: str
    route: str
    operation_id: str
    features: list[tuple[str, str]]  # key, DRF field
    result: list[tuple[str, str]]
    outputs: list[Output]
    schema: dict[str, Any]
    sample: dict[str, Any]
    bad_key: str | None
    bad_value: Any
    feature_keys: list[str]


def _output(field: BodyField, value: Any) -> Output:
    annotation = _PYTHON.get(field.type, "str")
    baseline = f"Decimal({value!r})" if field.type == "decimal" else repr(value)
    return Output(field.name, annotation, baseline)


def _view(served: ServedModel) -> MlView:
    p = served.prediction
    return MlView(
        name=p.model,
        snake=to_snake(p.model),
        pascal=to_pascal(p.model),
        version=p.version,
        path=p.operation.path,
        route=django_path(p.operation.path),
        operation_id=p.operation.operation_id,
        features=[(f.name, input_field(f)) for f in p.features.fields],
        result=[(f.name, output_field(f)) for f in p.result.fields],
        outputs=[
            _output(f, served.baseline[k])
            for k in served.baseline
            if (f := p.result.field(k)) is not None
        ],
        schema=served.schema,
        sample=served.sample,
        bad_key=served.bad_key,
        bad_value=served.bad_value,
        feature_keys=[f.name for f in p.features.fields],
    )


def context(view: ProjectView) -> list[MlView]:
    """The models the service serves (empty when the spec declares none)."""
    return [_view(s) for s in served_models(view.spec, view.shape)]


def render(env: Environment, ctx: dict[str, Any]) -> Files:
    """The ML files (none without models): views, predictor, monitoring, tests, and the
    vendored monitor client."""
    if not ctx["ml"]:
        return {}
    files: Files = {path: env.get_template(f"{path}.j2").render(ctx) for path in TEMPLATES}
    files["api/monitor.py"] = client_source()
    return files
