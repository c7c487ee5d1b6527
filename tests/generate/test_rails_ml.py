"""The Rails target's ML inference endpoints (rendered, not run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from infranest.generate import render
from infranest.generate.target import Files, load_target
from infranest.spec.loader import load

ROOT = Path(__file__).resolve().parents[2]


def _render(example: str) -> Files:
    path = ROOT / "examples" / f"{example}.nest"
    if not path.exists():
        pytest.skip(f"{path} is not in this checkout")
    return render(load(path).spec, load_target("rails"), deploy=frozenset())


def test_each_model_has_a_route_a_baseline_and_tests() -> None:
    files = _render("iot")
    routes = files["config/routes.rb"]
    assert 'post "/models/anomaly/predict", to: "predictions#predict_anomaly"' in routes
    assert routes.index("predictions#") < routes.index('match "*path"')
    controller = files["app/controllers/predictions_controller.rb"]
    assert "def predict_anomaly" in controller
    assert 'authorize!(["authenticated"])' in controller
    assert "RequestBody.parse(request.raw_post, FEATURES.fetch(model))" in controller
    predictor = files["app/services/predictor.rb"]
    assert "TODO" in predictor
    assert "def self.anomaly(_features)" in predictor
    assert "needs a signed-in caller" in files["test/integration/predictions_test.rb"]


def test_no_model_no_prediction_files() -> None:
    files = _render("shop")
    assert "app/controllers/predictions_controller.rb" not in files
    assert "predictions#" not in files["config/routes.rb"]
