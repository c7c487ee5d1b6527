"""Capacity: service demands from the spec, M/M/c and USL predictions, growth forecast,
and calibration against a running generated service (docs/capacity.md)."""

from __future__ import annotations

from infranest.design.capacity.forecast import Forecast, forecast
from infranest.design.capacity.model import Hardware, default_hardware, load_hardware
from infranest.design.capacity.predict import CapacityReport, predict

__all__ = [
    "CapacityReport",
    "Forecast",
    "Hardware",
    "default_hardware",
    "forecast",
    "load_hardware",
    "predict",
]
