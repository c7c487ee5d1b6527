"""The Fiber target's API keys, ML endpoints and register links (rendered, not run)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from infranest.generate import render
from infranest.generate.target import Files, load_target
from infranest.generate.targets.fiber.ml import go_literal
from infranest.spec.loader import load

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("gofmt") is None, reason="gofmt (Go) not on PATH")


def _render(example: str) -> Files:
    path = ROOT / "examples" / f"{example}.nest"
    if not path.exists():
        pytest.skip(f"{path} is not in this checkout")
    return render(load(path).spec, load_target("fiber"), deploy=frozenset())


@pytest.fixture(scope="module")
def iot() -> Files:
    return _render("iot")


def test_api_key_files_only_with_apikey_auth(iot: Files) -> None:
    for path in (
        "internal/apikeys/apikeys.go",
        "internal/apikeys/apikeys_test.go",
        "internal/app/apikeys_test.go",
        "internal/models/api_key.go",
    ):
        assert path in iot
    assert "&ApiKey{}," in iot["internal/models/registry.go"]
    shop = _render("shop")
    assert "internal/apikeys/apikeys.go" not in shop
    assert "ApiKey" not in shop["internal/models/registry.go"]


def test_keys_are_stored_as_digests(iot: Files) -> None:
    keys = iot["internal/apikeys/apikeys.go"]
    assert "sha256.Sum256" in keys
    assert 'Where("digest = ? AND revoked_at IS NULL", Digest(key))' in keys
    model = iot["internal/models/api_key.go"]
    assert "uniqueIndex:uq_api_keys_digest" in model
    assert "constraint:OnDelete:CASCADE" in model


def test_bearer_is_tried_before_the_key(iot: Files) -> None:
    access = iot["internal/handlers/access.go"]
    body = access[access.index("func (h *Handler) caller(") :]
    assert body.index("fiber.HeaderAuthorization") < body.index("apikeys.Header")
    assert 'unauthorized("Invalid or revoked API key.")' in access


def test_keys_are_managed_by_server_subcommands(iot: Files) -> None:
    main = iot["cmd/server/main.go"]
    assert 'case "create-api-key", "list-api-keys", "revoke-api-key":' in main
    assert "apikeys.Command(conn, args, os.Stdout, os.Stderr)" in main
    assert "server create-api-key ada@example.com" not in main
    assert "go run ./cmd/server create-api-key" in iot["README.md"]


def test_models_are_served_with_a_baseline(iot: Files) -> None:
    assert (
        'app.Post("/models/anomaly/predict", h.PredictAnomaly)'
        in iot["internal/handlers/routes.go"]
    )
    predictor = iot["internal/ml/predictor.go"]
    assert "TODO" in predictor
    assert "func PredictAnomaly(features map[string]any) map[string]any {" in predictor
    assert "TestPredictAnomaly" in iot["internal/app/predictions_test.go"]
    assert "internal/ml/predictor.go" not in _render("shop")


def test_register_stores_many_to_many_links() -> None:
    routes = _render("social")["internal/handlers/routes.go"]
    register = routes[routes.index("var registerFields") :]
    assert 'Key: "blocked_ids"' in register
    assert 'Join: &Join{Table: "user_blocked"' in register.split("\n}")[0]


def test_go_literals() -> None:
    assert go_literal(True) == "true"
    assert go_literal(0.0) == "0.0"
    assert go_literal(3) == "3"
    assert go_literal(None) == "nil"
    assert go_literal('a "b"') == '"a \\"b\\""'
