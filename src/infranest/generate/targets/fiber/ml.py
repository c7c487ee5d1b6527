"""The Fiber target's ML inference endpoints: ``POST /models/{name}/predict`` per spec model,
answering a baseline predictor the user replaces (``internal/ml/predictor.go``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from infranest.generate.target import ProjectView
from infranest.generate.targets.fiber.api import fields_literal, go_string
from infranest.monitor.vendor import ServedModel, served_models
from infranest.spec.names import to_pascal


@dataclass(frozen=True)
class ModelCode:
    """One model's endpoint as the templates use it."""

    name: str
    pascal: str
    version: str
    path: str
    fields: str  # the Go []Field literal of the features
    outputs: tuple[tuple[str, str], ...]  # key, baseline Go literal
    sample: str  # valid features, JSON
    bad_key: str | None
    bad_value: str  # JSON
    first_key: str


def go_literal(value: Any) -> str:
    """A JSON scalar as a Go literal (the answer is JSON again)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if value is None:
        return "nil"
    return go_string(str(value))


def _code(view: ProjectView, served: ServedModel) -> ModelCode:
    p = served.prediction
    return ModelCode(
        name=p.model,
        pascal=to_pascal(p.model),
        version=p.version,
        path=p.operation.path,
        fields=fields_literal(view.spec, p.features, None),
        outputs=tuple((key, go_literal(value)) for key, value in served.baseline.items()),
        sample=json.dumps(served.sample, sort_keys=True),
        bad_key=served.bad_key,
        bad_value=json.dumps(served.bad_value),
        first_key=p.features.fields[0].name,
    )


def models(view: ProjectView) -> list[ModelCode]:
    """The models the service serves (empty when the spec declares none)."""
    return [_code(view, s) for s in served_models(view.spec, view.shape)]
