"""Evidently: ``Report([DataDriftPreset()])`` with its defaults on both datasets (numeric and
categorical columns declared). A column counts as drifted when its ``ValueDrift`` score
crosses the preset's threshold: at or above it for distances (the defaults above 1,000 rows:
normed Wasserstein, Jensen-Shannon), below it for p-value tests."""

from __future__ import annotations

import time
from typing import Any

from _common import CATEGORICAL, NUMERIC, emit, paths, read_pandas

DISTANCE_WORDS = ("distance", "divergence", "PSI", "Hellinger")


def drifted(metric: dict[str, Any]) -> tuple[str, bool, str] | None:
    """(column, drifted, method) for a ``ValueDrift`` metric, None for the others."""
    config = metric.get("config", {})
    if not str(config.get("type", "")).endswith(":ValueDrift"):
        return None
    method, threshold, value = str(config["method"]), float(config["threshold"]), metric["value"]
    is_distance = any(word.lower() in method.lower() for word in DISTANCE_WORDS)
    flag = value >= threshold if is_distance else value < threshold
    return str(config["column"]), bool(flag), method


def main() -> None:
    from evidently import DataDefinition, Dataset, Report
    from evidently.presets import DataDriftPreset

    ref_path, cur_path = paths()
    ref_frame, cur_frame = read_pandas(ref_path), read_pandas(cur_path)
    definition = DataDefinition(numerical_columns=NUMERIC, categorical_columns=CATEGORICAL)
    start = time.perf_counter()
    ref = Dataset.from_pandas(ref_frame, data_definition=definition)
    cur = Dataset.from_pandas(cur_frame, data_definition=definition)
    snapshot = Report([DataDriftPreset()]).run(cur, ref)
    seconds = time.perf_counter() - start
    verdicts = [v for v in map(drifted, snapshot.dict()["metrics"]) if v is not None]
    methods = sorted({method for _, _, method in verdicts})
    emit("evidently", seconds, [c for c, flag, _ in verdicts if flag], methods=methods)


if __name__ == "__main__":
    main()
