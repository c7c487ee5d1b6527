"""The Rails target's ML inference endpoints: ``POST /models/{name}/predict`` per spec model,
answering a baseline predictor the user replaces (``app/services/predictor.rb``)."""

from __future__ import annotations

from dataclasses import dataclass

from infranest.generate.target import ProjectView
from infranest.generate.targets.rails import contracts
from infranest.generate.targets.rails.ruby import ruby_literal
from infranest.monitor.vendor import ServedModel, served_models
from infranest.spec.names import to_snake


@dataclass(frozen=True)
class ModelRoute:
    """One model's endpoint as the templates use it."""

    name: str
    snake: str
    version: str
    path: str
    action: str
    features: tuple[str, ...]  # Ruby hashes of the feature fields
    outputs: tuple[tuple[str, str], ...]  # key, baseline Ruby literal
    sample: str  # valid features, a Ruby hash literal
    bad_key: str | None
    bad_value: str  # Ruby literal
    first_key: str


def _route(served: ServedModel) -> ModelRoute:
    p = served.prediction
    sample = ", ".join(f"{ruby_literal(k)} => {ruby_literal(v)}" for k, v in served.sample.items())
    return ModelRoute(
        name=p.model,
        snake=to_snake(p.model),
        version=p.version,
        path=p.operation.path,
        action=p.operation.operation_id,
        features=tuple(contracts.ruby_hash(contracts.field_pairs(f), 4) for f in p.features.fields),
        outputs=tuple((k, ruby_literal(v)) for k, v in served.baseline.items()),
        sample="{ " + sample + " }",
        bad_key=served.bad_key,
        bad_value=ruby_literal(served.bad_value),
        first_key=p.features.fields[0].name,
    )


def models(view: ProjectView) -> list[ModelRoute]:
    """The models the service serves (empty when the spec declares none)."""
    return [_route(s) for s in served_models(view.spec, view.shape)]
