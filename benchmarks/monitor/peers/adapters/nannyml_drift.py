"""NannyML: ``UnivariateDriftCalculator`` with its defaults (Jensen-Shannon for every column,
the default chunking of both periods, thresholds from the reference chunks). A column
counts as drifted when any chunk of the current period raises an alert."""

from __future__ import annotations

import time

from _common import CATEGORICAL, COLUMNS, emit, paths, read_pandas


def main() -> None:
    import nannyml as nml

    ref_path, cur_path = paths()
    ref, cur = read_pandas(ref_path), read_pandas(cur_path)
    start = time.perf_counter()
    calc = nml.UnivariateDriftCalculator(column_names=COLUMNS, treat_as_categorical=CATEGORICAL)
    calc.fit(ref)
    results = calc.calculate(cur)
    seconds = time.perf_counter() - start
    frame = results.filter(period="analysis").to_df()
    drifted = []
    chunks = 0
    for name in COLUMNS:
        alerts = frame.xs(name, axis=1, level=0).xs("alert", axis=1, level=-1)
        chunks = len(alerts)
        if bool(alerts.to_numpy().any()):
            drifted.append(name)
    emit("nannyml", seconds, drifted, chunks=chunks)


if __name__ == "__main__":
    main()
