"""What generated services need to feed the monitor: the schema a spec model is monitored
under, and the SDK's source to vendor (it uses the standard library only, so a generated
project depends on nothing from InfraNest).

A spec ``model`` becomes a :class:`ModelSchema` named after it, version = the spec's (``"1"``
when none): int, bigint, float and decimal features are numeric, bool features boolean, the
rest categorical (an enum's values as its categories); segment features get role
``segment``; the prediction and score keep their names; with ``labels``, a label column
``actual_<prediction>`` (``actual`` for a model without a prediction) of the prediction's
kind (boolean for a ranking model without one).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infranest.monitor.schema import ColumnKind, ColumnSpec, ModelSchema
from infranest.spec.exporters.api_types import ApiShape, BodyField, Prediction
from infranest.spec.model import MLModel, ModelField, Spec

NUMERIC_TYPES = frozenset({"int", "bigint", "float", "decimal"})
_SDK = Path(__file__).resolve().parent / "sdk.py"
# The generated projects lint with ruff's flake8-bandit rules, which read noqa, not nosec.
_NOQA = {"# nosec B310": "# noqa: S310  # nosec B310", "# nosec B311": "# noqa: S311  # nosec B311"}


def _kind(spec: Spec, field: ModelField) -> tuple[ColumnKind, tuple[str, ...]]:
    enum = spec.enum_def(field.type)
    if enum is not None:
        return "categorical", tuple(v.name for v in enum.values)
    if field.type in NUMERIC_TYPES:
        return "numeric", ()
    if field.type == "bool":
        return "boolean", ()
    return "categorical", ()


def _column(spec: Spec, field: ModelField, **extra: object) -> ColumnSpec:
    kind, categories = _kind(spec, field)
    return ColumnSpec.model_validate(
        {"name": field.name, "kind": kind, "categories": categories, **extra}
    )


def label_name(model: MLModel) -> str:
    return f"actual_{model.prediction.name}" if model.prediction else "actual"


def schema_for(spec: Spec, model: MLModel) -> ModelSchema:
    """The monitor schema of ``model`` (:class:`ValueError` when a name is reserved by the
    monitor, e.g. a feature called ``timestamp``)."""
    columns = [
        _column(spec, f, role="segment" if f.name in model.segments else "feature")
        for f in model.features
    ]
    if model.prediction is not None:
        columns.append(_column(spec, model.prediction, role="prediction"))
    if model.score is not None:
        columns.append(_column(spec, model.score, role="score"))
    if model.labels:
        if model.prediction is not None:
            label = _column(spec, model.prediction, role="label")
            columns.append(label.model_copy(update={"name": label_name(model)}))
        else:
            kind = "numeric" if model.task == "regression" else "boolean"
            columns.append(ColumnSpec(name=label_name(model), kind=kind, role="label"))
    return ModelSchema(model=model.name, version=model.version or "1", columns=tuple(columns))


def client_source(origin: str = "infranest.monitor.sdk") -> str:
    """The SDK's source, ready to be written into a generated project."""
    text = _SDK.read_text(encoding="utf-8")
    for marker, replacement in _NOQA.items():
        text = text.replace(marker, replacement)
    header = (
        f"# Vendored from {origin} (InfraNest): the monitor client, standard library only.\n"
        "# Regenerate the project to update it; edits here are merged like any other file.\n"
    )
    return header + text


@dataclass(frozen=True)
class ServedModel:
    """What a target needs to serve one model: the contract's endpoint, the monitor schema
    (JSON), valid features for tests (JSON), one invalid feature value, and the baseline
    outputs the generated predictor starts with (JSON; the user replaces the predictor)."""

    prediction: Prediction
    schema: dict[str, Any]
    sample: dict[str, Any]
    bad_key: str | None
    bad_value: Any
    baseline: dict[str, Any]
    label: str | None


_SAMPLES: dict[str, Any] = {
    "int": 3,
    "bigint": 3,
    "float": 1.5,
    "decimal": "12.50",
    "bool": True,
    "string": "sample",
    "text": "sample text",
    "email": "someone@example.com",
    "url": "https://example.com/sample",
    "file": "https://example.com/sample.bin",
    "date": "2024-05-01",
    "datetime": "2024-05-01T12:00:00Z",
    "time": "12:00:00",
    "uuid": "00000000-0000-4000-8000-000000000001",
    "json": {"sample": 1},
}
_BAD: dict[str, Any] = {
    "int": "not-a-number",
    "bigint": "not-a-number",
    "float": "not-a-number",
    "decimal": "not-a-number",
    "bool": "maybe",
    "date": "not-a-date",
    "datetime": "not-a-datetime",
    "time": "not-a-time",
    "uuid": "not-a-uuid",
    "email": "not-an-email",
}
_BASELINE: dict[str, Any] = {"bool": False, "int": 0, "bigint": 0, "float": 0.0, "decimal": "0"}


def sample_value(field: BodyField) -> Any:
    """A valid JSON value of a feature."""
    return field.choices[0] if field.choices else _SAMPLES[field.type]


def bad_value(field: BodyField) -> Any:
    """A JSON value the feature must refuse (None for json features, which take anything)."""
    if field.choices:
        return "not-a-choice"
    if field.type in ("string", "text", "url", "file"):
        return ["not", "text"]
    return _BAD.get(field.type)


def baseline_value(field: BodyField) -> Any:
    """The baseline output: the negative class, zero, or the first enum value."""
    if field.choices:
        return field.choices[0]
    return _BASELINE.get(field.type, sample_value(field))


def served_models(spec: Spec, shape: ApiShape) -> list[ServedModel]:
    """One :class:`ServedModel` per prediction endpoint of ``shape``, in spec order."""
    found: list[ServedModel] = []
    for prediction in shape.predictions:
        model = next(m for m in spec.models if m.name == prediction.model)
        bad = next((f for f in prediction.features.fields if bad_value(f) is not None), None)
        outputs = [k for k in (prediction.prediction, prediction.score) if k is not None]
        found.append(
            ServedModel(
                prediction=prediction,
                schema=schema_for(spec, model).model_dump(mode="json"),
                sample={f.name: sample_value(f) for f in prediction.features.fields},
                bad_key=bad.name if bad is not None else None,
                bad_value=bad_value(bad) if bad is not None else None,
                baseline={
                    k: baseline_value(f)
                    for k in outputs
                    if (f := prediction.result.field(k)) is not None
                },
                label=label_name(model) if model.labels else None,
            )
        )
    return found
