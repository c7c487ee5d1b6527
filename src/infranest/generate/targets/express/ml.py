"""The Express target's ML inference endpoints: ``POST /models/{name}/predict`` per spec model,
answering a baseline predictor the user replaces (``src/ml/predictor.ts``)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from infranest.generate.target import ProjectView
from infranest.generate.targets.express import zod
from infranest.monitor.vendor import ServedModel, served_models
from infranest.spec.names import to_camel, to_pascal


@dataclass(frozen=True)
class ModelRoute:
    """One model's endpoint as the templates use it."""

    name: str
    camel: str
    pascal: str
    version: str
    path: str
    operation_id: str
    features: tuple[tuple[str, str], ...]  # key, zod expression
    outputs: tuple[tuple[str, str], ...]  # key, baseline TS literal
    sample: str  # valid features, a TS object literal
    bad_key: str | None
    bad_value: str
    first_key: str


def _route(served: ServedModel) -> ModelRoute:
    p = served.prediction
    return ModelRoute(
        name=p.model,
        camel=to_camel(p.model),
        pascal=to_pascal(p.model),
        version=p.version,
        path=p.operation.path,
        operation_id=p.operation.operation_id,
        features=tuple(zod.body_schema(p.features)),
        outputs=tuple((key, json.dumps(value)) for key, value in served.baseline.items()),
        sample=json.dumps(served.sample, sort_keys=True),
        bad_key=served.bad_key,
        bad_value=json.dumps(served.bad_value),
        first_key=p.features.fields[0].name,
    )


def models(view: ProjectView) -> list[ModelRoute]:
    """The models the service serves (empty when the spec declares none)."""
    return [_route(s) for s in served_models(view.spec, view.shape)]
