"""Intake quality benchmark: entity recall and precision, relation recall, questions asked.

Every description goes through a session that takes each recommended answer (what
``infranest new --no-input`` does), without a profile or an LLM. Run from the repository:

    .venv/bin/python benchmarks/intake/run.py [--verbose]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from infranest.intake.session import start
from infranest.spec.model import Spec
from infranest.spec.names import to_snake
from infranest.spec.validate import validate

HERE = Path(__file__).parent
SPLITS = {"held-out": HERE / "heldout.yaml", "development": HERE / "dev.yaml"}


@dataclass
class Score:
    labelled: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    relations: int = 0
    relations_found: int = 0
    questions: list[int] = field(default_factory=list)
    errors: int = 0
    domains: set[str] = field(default_factory=set)
    misses: list[str] = field(default_factory=list)


def _key(name: str) -> str:
    return to_snake(name).replace("_", "")


def _alternatives(label: str) -> set[str]:
    return {_key(a) for a in label.split("|")}


def _pairs(spec: Spec) -> set[frozenset[str]]:
    out: set[frozenset[str]] = set()
    for ent in spec.entities:
        for f in ent.fields:
            if f.type == "relation" and f.target and f.target != "User":
                out.add(frozenset({_key(ent.name), _key(f.target)}))
    return out


def _relation_found(pair: list[str], pairs: set[frozenset[str]]) -> bool:
    left, right = (_alternatives(p) for p in pair)
    return any(frozenset({a, b}) in pairs for a in left for b in right)


def run_item(item: dict[str, Any], score: Score) -> None:
    session = start(item["text"])
    asked = 0
    while (q := session.next_question()) is not None:
        session.answer(q.id, q.default, by_default=True)
        asked += 1
    spec = session.spec()
    score.errors += sum(1 for d in validate(spec) if d.is_error)
    predicted = {_key(e.name): e.name for e in spec.entities if not e.builtin}
    labels = [_alternatives(label) for label in item["entities"]]
    matched = {k for k in predicted if any(k in alts for alts in labels)}
    found = [
        label for label, alts in zip(item["entities"], labels, strict=True) if alts & set(predicted)
    ]
    score.labelled += len(labels)
    score.found += len(found)
    score.predicted += len(predicted)
    score.correct += len(matched)
    pairs = _pairs(spec)
    score.relations += len(item.get("relations", []))
    score.relations_found += sum(1 for p in item.get("relations", []) if _relation_found(p, pairs))
    score.questions.append(asked)
    score.domains.add(item["domain"])
    missing = [label for label in item["entities"] if label not in found]
    extra = [predicted[k] for k in predicted if k not in matched]
    if missing or extra:
        score.misses.append(f"{item['id']}: missing {missing} extra {extra}")


def report(name: str, items: list[dict[str, Any]], verbose: bool) -> dict[str, float]:
    score = Score()
    for item in items:
        run_item(item, score)
    result = {
        "descriptions": len(items),
        "domains": len(score.domains),
        "entity_recall": score.found / max(score.labelled, 1),
        "entity_precision": score.correct / max(score.predicted, 1),
        "relation_recall": score.relations_found / max(score.relations, 1),
        "median_questions": statistics.median(score.questions),
        "mean_questions": statistics.mean(score.questions),
        "max_questions": max(score.questions),
        "validation_errors": score.errors,
    }
    print(f"| {name} | " + " | ".join(_fmt(v) for v in result.values()) + " |")
    if verbose:
        for line in score.misses:
            print(f"    {line}", file=sys.stderr)
    return result


def _fmt(value: float) -> str:
    return f"{value:.3f}" if isinstance(value, float) and not value.is_integer() else f"{value:g}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", action="store_true", help="List misses per description.")
    args = parser.parse_args()
    loaded = {name: yaml.safe_load(path.read_text()) for name, path in SPLITS.items()}
    print(
        "| split | descriptions | domains | entity recall | entity precision | relation recall "
        "| median questions | mean questions | max questions | validation errors |"
    )
    print("|" + "---|" * 10)
    started = time.perf_counter()
    for name, items in loaded.items():
        report(name, items, args.verbose)
    report("all", [i for items in loaded.values() for i in items], False)
    print(f"\n{time.perf_counter() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
