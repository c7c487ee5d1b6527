"""What generated services get to feed the monitor: the inference endpoint in the contract
(and its OpenAPI document), the monitor schema of a spec model, and the vendored SDK."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from infranest.generate import render
from infranest.generate.target import load_target
from infranest.monitor.vendor import client_source, schema_for, served_models
from infranest.spec.diagnostics import SpecError
from infranest.spec.exporters.api_shape import api_shape
from infranest.spec.exporters.openapi import to_openapi
from infranest.spec.loader import load_text
from infranest.spec.model import Spec

SPEC = """
project scoring {
  auth jwt
  database postgresql
}

enum Plan { free, pro }

entity Customer {
  name: string
}

model churn_risk "Will a customer cancel?" {
  version "3"
  feature plan: Plan
  feature seats: int
  feature spend: decimal
  feature note: text
  prediction will_churn: bool
  score churn_probability: float
  labels
  segments plan
}

model rank {
  task ranking
  feature seats: int
  score relevance: float
  labels
}
"""


def _spec(text: str = SPEC) -> Spec:
    return load_text(text, "scoring.nest").spec


def test_each_model_gets_a_predict_endpoint_in_the_contract() -> None:
    shape = api_shape(_spec())
    churn, rank = shape.predictions
    assert churn.operation.path == "/models/churn-risk/predict"
    assert churn.operation.operation_id == "predict_churn_risk"
    assert churn.operation.errors == (400, 401, 403, 422)
    assert [f.name for f in churn.features.fields] == ["plan", "seats", "spend", "note"]
    assert churn.features.closed
    assert all(f.required for f in churn.features.fields)
    assert [f.name for f in churn.result.fields] == [
        "event_id",
        "model",
        "version",
        "will_churn",
        "churn_probability",
    ]
    assert (rank.version, rank.prediction, rank.score) == ("1", None, "relevance")
    assert shape.body("ChurnRiskFeatures") is churn.features
    assert all(o.kind != "predict" for o in shape.operations)  # kept apart for older targets


def test_the_openapi_document_carries_the_endpoints() -> None:
    document = to_openapi(_spec())
    post = document["paths"]["/models/churn-risk/predict"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ChurnRiskFeatures"
    }
    assert post["security"] == [{"bearerAuth": []}]
    features = document["components"]["schemas"]["ChurnRiskFeatures"]
    assert features["additionalProperties"] is False
    assert features["properties"]["plan"] == {"$ref": "#/components/schemas/Plan"}
    assert "models" in [t["name"] for t in document["tags"]]


def test_an_entity_at_models_conflicts_with_the_endpoints() -> None:
    text = SPEC.replace("entity Customer", "entity Model")
    with pytest.raises(SpecError, match="would be served at /models"):
        api_shape(_spec(text))


def test_the_monitor_schema_of_a_spec_model() -> None:
    spec = _spec()
    schema = schema_for(spec, spec.models[0])
    assert (schema.model, schema.version) == ("churn_risk", "3")
    got = {c.name: (c.kind, c.role, c.categories) for c in schema.columns}
    assert got == {
        "plan": ("categorical", "segment", ("free", "pro")),
        "seats": ("numeric", "feature", ()),
        "spend": ("numeric", "feature", ()),
        "note": ("categorical", "feature", ()),
        "will_churn": ("boolean", "prediction", ()),
        "churn_probability": ("numeric", "score", ()),
        "actual_will_churn": ("boolean", "label", ()),
    }
    ranking = schema_for(spec, spec.models[1])
    assert [(c.name, c.kind, c.role) for c in ranking.columns][-1] == ("actual", "boolean", "label")


def test_served_models_give_valid_samples_and_one_bad_value() -> None:
    spec = _spec()
    churn = served_models(spec, api_shape(spec))[0]
    assert churn.sample == {"plan": "free", "seats": 3, "spend": "12.50", "note": "sample text"}
    assert (churn.bad_key, churn.bad_value) == ("plan", "not-a-choice")
    assert churn.baseline == {"will_churn": False, "churn_probability": 0.0}
    assert churn.label == "actual_will_churn"


def test_the_vendored_client_is_the_sdk_and_passes_the_generated_lint(tmp_path: Path) -> None:
    source = client_source()
    assert source.startswith("# Vendored from infranest.monitor.sdk")
    assert "class MonitorClient" in source
    target = tmp_path / "monitor.py"
    target.write_text(source, encoding="utf-8")
    ruff = Path(sys.executable).parent / "ruff"
    done = subprocess.run(
        [
            str(ruff),
            "check",
            "--isolated",
            "--select",
            "E,F,I,B,UP,S",
            "--line-length",
            "100",
            str(target),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout
    namespace: dict[str, object] = {}
    exec(compile(source, str(target), "exec"), namespace)  # it imports the standard library only
    assert "MonitorClient" in namespace


@pytest.mark.parametrize(
    ("target", "files"),
    [
        (
            "fastapi",
            (
                "app/api/routes/predictions.py",
                "app/ml/predictor.py",
                "app/ml/monitoring.py",
                "app/core/monitor.py",
                "tests/test_predictions.py",
            ),
        ),
        (
            "django",
            (
                "api/predictions.py",
                "api/predictor.py",
                "api/monitoring.py",
                "api/monitor.py",
                "tests/test_predictions.py",
            ),
        ),
    ],
)
def test_python_targets_render_the_ml_files_lint_clean(
    target: str, files: tuple[str, ...], tmp_path: Path
) -> None:
    rendered = render(_spec(), load_target(target), frozenset())
    assert set(files) <= set(rendered)
    assert "TODO" in rendered[files[1]]  # the predictor is the user's to fill
    assert "MONITOR_URL" in rendered[".env.example"]
    for name in files:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rendered[name], encoding="utf-8")
    ruff = Path(sys.executable).parent / "ruff"
    select = ["--select", "E,F,B,UP,S", "--ignore", "S101", "--line-length", "100"]
    done = subprocess.run(
        [str(ruff), "check", "--isolated", *select, str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout
    without = render(_spec(SPEC.split("model churn_risk")[0]), load_target(target), frozenset())
    assert not any("predict" in name for name in without)
