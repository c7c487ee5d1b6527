"""Reading CSV and Parquet files into columns (pyarrow), with errors naming file, column, row.

Integer, floating and decimal columns become numeric; booleans, strings and everything else
become categorical (dictionary-encoded, so category counting is a bincount). Empty CSV cells and
nulls are missing values.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.csv as pacsv  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from infranest.monitor.columns import CategoricalColumn, Column, NumericColumn

SUFFIXES = (".csv", ".parquet", ".pq")


@dataclass(frozen=True)
class DataError(Exception):
    """Bad input. ``row`` counts data rows from 1: in a CSV, row r is line r + 1."""

    file: str
    message: str
    column: str | None = None
    row: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.column is not None:
            where += f", column {self.column!r}"
        if self.row is not None:
            where += f", row {self.row}"
        return f"{where}: {self.message}"


def _read_arrow(path: Path) -> Any:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DataError(str(path), f"unsupported file type {suffix!r}; expected .csv or .parquet")
    if not path.is_file():
        raise DataError(str(path), "no such file")
    try:
        if suffix == ".csv":
            options = pacsv.ConvertOptions(strings_can_be_null=True)
            # Keep empty lines so that row r is always line r + 1 of the file.
            parse = pacsv.ParseOptions(ignore_empty_lines=False)
            return pacsv.read_csv(path, parse_options=parse, convert_options=options)
        return pq.read_table(path)
    except (pa.ArrowInvalid, OSError) as exc:
        message = str(exc).strip().splitlines()[0]
        row = _ragged_row(path) if suffix == ".csv" else None
        raise DataError(str(path), message, row=row) from exc


def _ragged_row(path: Path) -> int | None:
    """The first data row whose field count differs from the header's (after a parse error)."""
    with path.open(newline="", encoding="utf-8", errors="replace") as f:
        rows = csv.reader(f)
        header = next(rows, None)
        if header is None:
            return None
        for number, fields in enumerate(rows, start=1):
            if len(fields) != len(header):
                return number
    return None


def _is_numeric(arrow_type: Any) -> bool:
    return bool(
        pa.types.is_integer(arrow_type)
        or pa.types.is_floating(arrow_type)
        or pa.types.is_decimal(arrow_type)
    )


def _numeric(column: Any) -> NumericColumn:
    values = pc.cast(column, pa.float64()).to_numpy(zero_copy_only=False)
    return NumericColumn(np.ascontiguousarray(values, dtype=np.float64))


def _categorical(column: Any) -> CategoricalColumn:
    if pa.types.is_dictionary(column.type) and pa.types.is_string(column.type.value_type):
        encoded = column.unify_dictionaries().combine_chunks()
    else:
        if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
            column = pc.cast(column, pa.string())
        encoded = column.combine_chunks().dictionary_encode()
    codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False)
    categories = tuple(str(c) for c in encoded.dictionary.to_pylist())
    return CategoricalColumn(np.asarray(codes, dtype=np.int64), categories)


def arrow_column(column: Any) -> Column:
    """An Arrow column as a numeric (ints, floats, decimals) or categorical column."""
    return _numeric(column) if _is_numeric(column.type) else _categorical(column)


def first_unparsable(path: str, name: str, column: Any) -> DataError:
    """The error for a column that should be numeric but holds text: names the first bad row."""
    for row, value in enumerate(column.to_pylist(), start=1):
        if value is None:
            continue
        try:
            float(str(value))
        except ValueError:
            return DataError(path, f"{value!r} is not a number", name, row)
    return DataError(path, f"type {column.type} is not numeric", name)


def read_table(
    path: Path, columns: Sequence[str] | None = None, numeric: frozenset[str] = frozenset()
) -> dict[str, Column]:
    """Read the named columns (all when None). Columns in ``numeric`` must be numeric: text in
    them is an error naming the first unparsable row."""
    table = _read_arrow(path)
    names = list(table.column_names)
    wanted = list(columns) if columns is not None else names
    out: dict[str, Column] = {}
    for name in wanted:
        if name not in names:
            raise DataError(str(path), f"no such column; columns are {', '.join(names)}", name)
        col = table.column(name)
        if _is_numeric(col.type):
            out[name] = _numeric(col)
        elif name in numeric and not pa.types.is_null(col.type):
            raise first_unparsable(str(path), name, col)
        elif pa.types.is_null(col.type) and name in numeric:
            out[name] = NumericColumn(np.full(len(col), np.nan))
        else:
            out[name] = _categorical(col)
    return out
