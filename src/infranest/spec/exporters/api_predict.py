"""The inference endpoints of a spec's ML models (part of the contract in ``api_shape``).

Every ``model NAME`` gets ``POST /models/{name}/predict`` (name in kebab case), operation
id ``predict_<name>``, tag ``models``. The request body ``<Name>Features`` is closed and
holds every declared feature, required and not nullable, typed like entity fields (decimal
as a JSON string, enums by value, strings at most 255 characters). The answer (200) is
``<Name>Prediction``: ``event_id`` (the id the prediction was logged under; labels join it
later), ``model``, ``version``, then the prediction and the score under their declared
names. Bad input answers 422 (400 for malformed JSON). With authentication, any signed-in
caller may predict (401 without credentials); without, the endpoint is public.
"""

from __future__ import annotations

from infranest.spec.diagnostics import Diagnostic, error
from infranest.spec.exporters.api_fields import decimal_pattern
from infranest.spec.exporters.api_types import (
    DEFAULT_STRING_LENGTH,
    EMAIL_MAX_LENGTH,
    URL_MAX_LENGTH,
    ApiType,
    Body,
    BodyField,
    Operation,
    Prediction,
    Resource,
)
from infranest.spec.model import MLModel, ModelField, Spec
from infranest.spec.names import to_pascal, to_snake, words

MODELS_SEGMENT = "models"
_MAX_LENGTH: dict[str, int] = {
    "string": DEFAULT_STRING_LENGTH,
    "email": EMAIL_MAX_LENGTH,
    "url": URL_MAX_LENGTH,
    "file": URL_MAX_LENGTH,
}


def predict_path(model: str) -> str:
    """``fraud_score`` → ``/models/fraud-score/predict``."""
    return f"/{MODELS_SEGMENT}/{'-'.join(words(model))}/predict"


def _value(spec: Spec, field: ModelField, name: str | None = None) -> BodyField:
    enum = spec.enum_def(field.type)
    key = name or field.name
    if enum is not None:
        choices = tuple(v.name for v in enum.values)
        return BodyField(name=key, type="enum", enum=enum.name, choices=choices)
    kind: ApiType = field.type  # type: ignore[assignment]  # a scalar: the validator checked
    return BodyField(
        name=key,
        type=kind,
        max_length=_MAX_LENGTH.get(field.type),
        pattern=decimal_pattern(None, None) if field.type == "decimal" else None,
    )


def _result(spec: Spec, model: MLModel, pascal: str) -> Body:
    fields = [
        BodyField(
            name="event_id",
            type="string",
            description="The id this prediction was logged under; send labels for it.",
        ),
        BodyField(name="model", type="string"),
        BodyField(name="version", type="string"),
    ]
    for output in (model.prediction, model.score):
        if output is not None:
            fields.append(_value(spec, output))
    return Body(f"{pascal}Prediction", tuple(fields), description=model.description)


def predictions(
    spec: Spec,
    security: tuple[str, ...],
    resources: tuple[Resource, ...] | list[Resource],
    diagnostics: list[Diagnostic],
) -> tuple[Prediction, ...]:
    """The inference endpoint of every model in ``spec`` (``security``: the schemes that
    authenticate a signed-in caller; empty without auth). A resource served at
    ``/models`` would share the prefix: reported in ``diagnostics``."""
    if not spec.models:
        return ()
    for resource in resources:
        if resource.path == f"/{MODELS_SEGMENT}":
            diagnostics.append(
                error(
                    "reserved-path",
                    f"entity {resource.entity} would be served at /{MODELS_SEGMENT}, which "
                    "the ML models' inference endpoints use",
                    path=f"entities[{resource.entity}]",
                    hint="rename the entity (or drop the models)",
                )
            )
    auth = spec.project.auth.enabled
    found: list[Prediction] = []
    for model in spec.models:
        pascal, snake = to_pascal(model.name), to_snake(model.name)
        features = Body(
            f"{pascal}Features",
            tuple(_value(spec, f) for f in model.features),
            closed=True,
            description=f"The features of the {model.name} model.",
        )
        result = _result(spec, model, pascal)
        errors = {400, 422} | ({401, 403} if auth else set())
        operation = Operation(
            operation_id=f"predict_{snake}",
            kind="predict",
            method="post",
            path=predict_path(model.name),
            summary=f"Predict with {model.name}",
            tag=MODELS_SEGMENT,
            status=200,
            request=features.name,
            response=result.name,
            errors=tuple(sorted(errors)),
            principals=("authenticated",) if auth else ("anyone",),
            security=security if auth else (),
            description="Each prediction is logged to the model monitor.",
        )
        found.append(
            Prediction(
                model=model.name,
                version=model.version or "1",
                operation=operation,
                features=features,
                result=result,
                prediction=model.prediction.name if model.prediction else None,
                score=model.score.name if model.score else None,
                segments=model.segments,
            )
        )
    return tuple(found)
