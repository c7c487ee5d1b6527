"""whylogs: profile both tables (``why.log``) and compare the profiles with
``calculate_drift_scores`` (its default per-column tests and thresholds). A column counts as
drifted when its category is DRIFT; POSSIBLE_DRIFT is reported separately."""

from __future__ import annotations

import time

from _common import COLUMNS, emit, paths, read_pandas


def main() -> None:
    import whylogs as why
    from whylogs.viz.drift.column_drift_algorithms import calculate_drift_scores

    ref_path, cur_path = paths()
    ref, cur = read_pandas(ref_path), read_pandas(cur_path)
    start = time.perf_counter()
    ref_view = why.log(ref).view()
    cur_view = why.log(cur).view()
    scores = calculate_drift_scores(
        target_view=cur_view, reference_view=ref_view, with_thresholds=True
    )
    seconds = time.perf_counter() - start
    category = {name: (scores.get(name) or {}).get("drift_category") for name in COLUMNS}
    drifted = [name for name, c in category.items() if c == "DRIFT"]
    possible = sorted(name for name, c in category.items() if c == "POSSIBLE_DRIFT")
    algorithms = sorted({str((scores.get(n) or {}).get("algorithm")) for n in COLUMNS})
    emit("whylogs", seconds, drifted, possible_drift=possible, algorithms=algorithms)


if __name__ == "__main__":
    main()
