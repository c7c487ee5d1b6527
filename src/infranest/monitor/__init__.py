"""Monitor: drift, data quality and model performance of a deployed service's data."""

from infranest.monitor.analysis import DriftOptions, compare
from infranest.monitor.columns import CategoricalColumn, NumericColumn, Table
from infranest.monitor.data import DataError, read_table
from infranest.monitor.report import ColumnDrift, DatasetDrift

__all__ = [
    "CategoricalColumn",
    "ColumnDrift",
    "DataError",
    "DatasetDrift",
    "DriftOptions",
    "NumericColumn",
    "Table",
    "compare",
    "read_table",
]
