"""alibi-detect: ``TabularDrift`` with its defaults (K-S per numeric feature, Chi-squared per
categorical feature, p = 0.05 with Bonferroni correction), per-feature verdicts."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
from _common import CATEGORICAL, COLUMNS, NUMERIC, emit, paths


def matrices(ref_path: Any, cur_path: Any) -> tuple[Any, Any]:
    """Both tables as float matrices, categories encoded as shared integer codes."""
    import pyarrow.parquet as pq

    ref, cur = pq.read_table(ref_path), pq.read_table(cur_path)
    out = []
    labels: dict[str, dict[str, int]] = {}
    for table in (ref, cur):
        m = np.empty((table.num_rows, len(COLUMNS)), dtype=np.float64)
        for j, name in enumerate(NUMERIC):
            m[:, j] = table.column(name).to_numpy()
        for j, name in enumerate(CATEGORICAL, start=len(NUMERIC)):
            col = table.column(name).combine_chunks()
            codes = labels.setdefault(name, {})
            mapping = np.array(
                [codes.setdefault(v, len(codes)) for v in col.dictionary.to_pylist()]
            )
            m[:, j] = mapping[col.indices.to_numpy()]
        out.append(m)
    return out[0], out[1]


def main() -> None:
    from alibi_detect.cd import TabularDrift

    x_ref, x_cur = matrices(*paths())
    start = time.perf_counter()
    categories = dict.fromkeys(range(len(NUMERIC), len(COLUMNS)))
    detector = TabularDrift(x_ref, p_val=0.05, categories_per_feature=categories)
    verdict = detector.predict(x_cur, drift_type="feature")
    seconds = time.perf_counter() - start
    flags = np.asarray(verdict["data"]["is_drift"]).ravel()
    drifted = [name for name, flag in zip(COLUMNS, flags, strict=True) if flag]
    emit("alibi-detect", seconds, drifted)


if __name__ == "__main__":
    main()
