"""The FastAPI target's ML inference endpoints (``POST /models/{name}/predict``, one per spec
model), the predictor module the user fills, and monitoring through the vendored SDK."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import Environment

from infranest.generate.target import Files, ProjectView
from infranest.generate.targets.fastapi.schemas import (
    SchemaField,
    create_fields,
    item_type,
    read_fields,
)
from infranest.monitor.vendor import ServedModel, client_source, served_models
from infranest.spec.exporters.api_types import BodyField
from infranest.spec.names import to_pascal, to_snake

TEMPLATES = (
    "app/api/routes/predictions.py",
    "app/ml/monitoring.py",
    "app/ml/predictor.py",
    "app/schemas/predictions.py",
    "tests/test_predictions.py",
)


@dataclass(frozen=True)
class Output:
    key: str
    annotation: str
    baseline: str  # a Python expression


@dataclass(frozen=True)
class MlRoute:
    """One model's endpoint, as the templates use it."""

    name: str
    snake: str
    pascal: str
    version: str
    path: str
    operation_id: str
    features: list[SchemaField]
    result: list[SchemaField]
    outputs: list[Output]
    schema: dict[str, Any]
    sample: dict[str, Any]
    bad_key: str | None
    bad_value: Any
    feature_keys: list[str]
    enums: list[str]


def _baseline(field: BodyField, value: Any) -> str:
    if field.type == "enum" and field.enum:
        return f"{field.enum}({value!r})"
    if field.type == "decimal":
        return f"Decimal({value!r})"
    return repr(value)


def _route(served: ServedModel) -> MlRoute:
    p = served.prediction
    outputs = [
        Output(key, item_type(f, plain=True), _baseline(f, served.baseline[key]))
        for key in served.baseline
        if (f := p.result.field(key)) is not None
    ]
    return MlRoute(
        name=p.model,
        snake=to_snake(p.model),
        pascal=to_pascal(p.model),
        version=p.version,
        path=p.operation.path,
        operation_id=p.operation.operation_id,
        features=create_fields(p.features),
        result=read_fields(p.result),
        outputs=outputs,
        schema=served.schema,
        sample=served.sample,
        bad_key=served.bad_key,
        bad_value=served.bad_value,
        feature_keys=[f.name for f in p.features.fields],
        enums=sorted({f.enum for f in (*p.features.fields, *p.result.fields) if f.enum}),
    )


def context(view: ProjectView) -> list[MlRoute]:
    """The models the service serves (empty when the spec declares none)."""
    return [_route(s) for s in served_models(view.spec, view.shape)]


def render(env: Environment, p: dict[str, Any]) -> Files:
    """The ML files (none without models): endpoints, predictor, monitoring, tests, and the
    vendored monitor client."""
    if not p["ml"]:
        return {}
    p = {**p, "ml_enums": sorted({e for m in p["ml"] for e in m.enums})}
    files: Files = {path: env.get_template(f"{path}.j2").render(p=p) for path in TEMPLATES}
    files["app/ml/__init__.py"] = '"""ML models: the predictors and their monitoring."""\n'
    files["app/core/monitor.py"] = client_source()
    return files
