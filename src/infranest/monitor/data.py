"""Reading CSV and Parquet files into columns (pyarrow), with errors naming file, column, row.

Integer, floating and decimal columns become numeric; booleans, strings and everything else
become categorical (dictionary-encoded, so category counting is a bincount). Empty CSV cells and
nulls are missing values.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
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


def _check_path(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DataError(str(path), f"unsupported file type {suffix!r}; expected .csv or .parquet")
    if not path.is_file():
        raise DataError(str(path), "no such file")
    return suffix


def _unreadable(path: Path, exc: Exception, csv_file: bool) -> DataError:
    message = str(exc).strip().splitlines()[0]
    return DataError(str(path), message, row=_ragged_row(path) if csv_file else None)


def _read_csv(path: Path) -> Any:
    options = pacsv.ConvertOptions(strings_can_be_null=True)
    # Keep empty lines so that row r is always line r + 1 of the file.
    parse = pacsv.ParseOptions(ignore_empty_lines=False)
    try:
        return pacsv.read_csv(path, parse_options=parse, convert_options=options)
    except (pa.ArrowInvalid, OSError) as exc:
        raise _unreadable(path, exc, csv_file=True) from exc


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


def _convert(path: Path, name: str, col: Any, numeric: frozenset[str]) -> Column:
    if _is_numeric(col.type):
        return _numeric(col)
    if pa.types.is_null(col.type) and name in numeric:
        return NumericColumn(np.full(len(col), np.nan))
    if name in numeric:
        raise first_unparsable(str(path), name, col)
    return _categorical(col)


def _parquet_columns(
    path: Path, wanted: Sequence[str] | None, numeric: frozenset[str]
) -> Iterator[tuple[str, Column]]:
    """Yield ``(name, column)`` reading one Parquet column at a time, so that only one
    column's Arrow buffers exist next to the converted NumPy arrays (text columns are read
    dictionary-encoded: no per-row strings)."""
    try:
        fields = pq.read_schema(path)
        text = [f.name for f in fields if pa.types.is_string(f.type)]
        source = pq.ParquetFile(path, read_dictionary=text)
    except (pa.ArrowInvalid, OSError) as exc:
        raise _unreadable(path, exc, csv_file=False) from exc
    names = list(fields.names)
    for name in wanted if wanted is not None else names:
        if name not in names:
            raise DataError(str(path), f"no such column; columns are {', '.join(names)}", name)
        try:
            table = source.read(columns=[name])
        except (pa.ArrowInvalid, OSError) as exc:
            raise _unreadable(path, exc, csv_file=False) from exc
        yield name, _convert(path, name, table.column(0), numeric)
        del table
        pa.default_memory_pool().release_unused()


def read_table(
    path: Path, columns: Sequence[str] | None = None, numeric: frozenset[str] = frozenset()
) -> dict[str, Column]:
    """Read the named columns (all when None). Columns in ``numeric`` must be numeric: text in
    them is an error naming the first unparsable row.

    Parquet files are read one column at a time and CSV columns are released as soon as they
    are converted, so peak memory is the converted columns plus about one Arrow column.
    """
    if _check_path(path) != ".csv":
        return dict(_parquet_columns(path, columns, numeric))
    table = _read_csv(path)
    names = list(table.column_names)
    wanted = list(columns) if columns is not None else names
    out: dict[str, Column] = {}
    for name in wanted:
        if name not in names:
            raise DataError(str(path), f"no such column; columns are {', '.join(names)}", name)
    for name in dict.fromkeys(wanted):
        col = table.column(name)
        table = table.drop_columns([name])
        out[name] = _convert(path, name, col, numeric)
        del col
    del table
    pa.default_memory_pool().release_unused()
    return out
