"""What every adapter shares. Runs inside each peer's own virtual environment, so it needs
only the standard library and pyarrow (every requirements file pins it)."""

from __future__ import annotations

import json
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

NUMERIC = [f"num_{i}" for i in range(10)]
CATEGORICAL = [f"cat_{i}" for i in range(5)]
COLUMNS = NUMERIC + CATEGORICAL


def paths() -> tuple[Path, Path]:
    """The reference and current Parquet files named on the command line."""
    if len(sys.argv) != 3:
        raise SystemExit(f"usage: {sys.argv[0]} REFERENCE.parquet CURRENT.parquet")
    return Path(sys.argv[1]), Path(sys.argv[2])


def read_pandas(path: Path) -> Any:
    """A DataFrame: float64 numeric columns (NaN for missing), text categorical columns."""
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    frame = pq.read_table(path).to_pandas()
    for name in CATEGORICAL:
        frame[name] = frame[name].astype(object)
    return frame


def emit(package: str, seconds: float, drifted: list[str], **extra: Any) -> None:
    """Print the one JSON line the runner reads."""
    result = {
        "version": metadata.version(package),
        "seconds": seconds,
        "drifted_columns": sorted(drifted),
        **extra,
    }
    print(json.dumps(result, default=str))
