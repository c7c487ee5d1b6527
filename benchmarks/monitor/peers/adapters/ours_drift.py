"""InfraNest: ``infranest.monitor.analysis.compare`` with its defaults (automatic tests)."""

from __future__ import annotations

import resource
import time

from _common import COLUMNS, emit, paths

from infranest.monitor.analysis import compare
from infranest.monitor.data import read_table


def main() -> None:
    ref_path, cur_path = paths()
    ref = read_table(ref_path, COLUMNS)
    cur = read_table(cur_path, COLUMNS)
    after_read = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    report = compare(ref, cur)
    seconds = time.perf_counter() - start
    emit(
        "infranest",
        seconds,
        list(report.drifted_columns),
        dataset_drift=report.drifted,
        maxrss_after_read_mib=after_read,
    )


if __name__ == "__main__":
    main()
