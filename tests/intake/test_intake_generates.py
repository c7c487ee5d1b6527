"""Every spec intake writes generates with every target that exists: the 20 held-out
descriptions of the intake benchmark (one per domain), each answered with the recommended
defaults, rendered by each available target."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from infranest.generate import render
from infranest.generate.target import available_targets, load_target
from infranest.intake.session import start
from infranest.spec.model import Spec
from infranest.spec.validate import validate

HELDOUT = Path(__file__).resolve().parents[2] / "benchmarks" / "intake" / "heldout.yaml"
ITEMS: list[dict[str, Any]] = yaml.safe_load(HELDOUT.read_text(encoding="utf-8"))


def _spec(text: str) -> Spec:
    session = start(text)
    while (question := session.next_question()) is not None:
        session.answer(question.id, question.default, by_default=True)
    return session.spec()


@pytest.fixture(scope="module")
def specs() -> dict[str, Spec]:
    return {item["id"]: _spec(item["text"]) for item in ITEMS}


def test_every_intake_spec_is_valid(specs: dict[str, Spec]) -> None:
    problems = {
        key: [d.render() for d in validate(spec) if d.is_error] for key, spec in specs.items()
    }
    assert {k: v for k, v in problems.items() if v} == {}


@pytest.mark.parametrize("target", available_targets())
def test_every_intake_spec_generates_with_every_target(target: str, specs: dict[str, Spec]) -> None:
    chosen = load_target(target)
    failures = {}
    for key, spec in specs.items():
        try:
            files = render(spec, chosen, frozenset())
        except Exception as exc:  # the failure is what the test reports
            failures[key] = f"{type(exc).__name__}: {exc}"
            continue
        if not files:
            failures[key] = "no files"
    assert failures == {}
