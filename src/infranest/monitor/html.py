"""The self-contained HTML report (and its JSON twin): drift per column with reference and
current distributions drawn as inline SVG, data quality, and features ranked by drift
strength. One file, no scripts, no network: it opens anywhere and can be attached to a ticket.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from jinja2 import Environment, PackageLoader, select_autoescape

from infranest.monitor.analysis import DriftOptions, compare
from infranest.monitor.columns import CategoricalColumn, Column, NumericColumn, Table
from infranest.monitor.report import DatasetDrift
from infranest.monitor.rootcause import rank_features
from infranest.monitor.stats.quality import column_quality, duplicate_rows

BINS = 20
TOP_CATEGORIES = 12
WIDTH, HEIGHT = 320, 120


@dataclass(frozen=True)
class Bar:
    label: str
    reference: float  # share of the reference's present values
    current: float


def _numeric_bars(ref: NumericColumn, cur: NumericColumn) -> list[Bar]:
    rv, cv = ref.present(), cur.present()
    both = np.concatenate([rv, cv])
    if not both.size:
        return []
    low, high = float(both.min()), float(both.max())
    if low == high:
        high = low + 1.0
    edges = np.linspace(low, high, BINS + 1)
    rc, _ = np.histogram(rv, edges)
    cc, _ = np.histogram(cv, edges)
    rs = rc / rc.sum() if rc.sum() else rc.astype(float)
    cs = cc / cc.sum() if cc.sum() else cc.astype(float)
    return [
        Bar(f"{edges[i]:.4g} to {edges[i + 1]:.4g}", float(rs[i]), float(cs[i]))
        for i in range(BINS)
    ]


def _categorical_bars(ref: CategoricalColumn, cur: CategoricalColumn) -> list[Bar]:
    rc = dict(zip(ref.categories, ref.counts().tolist(), strict=True))
    cc = dict(zip(cur.categories, cur.counts().tolist(), strict=True))
    r_total, c_total = sum(rc.values()) or 1, sum(cc.values()) or 1
    names = sorted(set(rc) | set(cc), key=lambda k: (-(rc.get(k, 0) + cc.get(k, 0)), k))
    shown = names[:TOP_CATEGORIES]
    bars = [Bar(k, rc.get(k, 0) / r_total, cc.get(k, 0) / c_total) for k in shown]
    rest = names[TOP_CATEGORIES:]
    if rest:
        bars.append(
            Bar(
                f"{len(rest)} others",
                sum(rc.get(k, 0) for k in rest) / r_total,
                sum(cc.get(k, 0) for k in rest) / c_total,
            )
        )
    return bars


def bars(ref: Column, cur: Column) -> list[Bar]:
    if isinstance(ref, NumericColumn) and isinstance(cur, NumericColumn):
        return _numeric_bars(ref, cur)
    if isinstance(ref, CategoricalColumn) and isinstance(cur, CategoricalColumn):
        return _categorical_bars(ref, cur)
    raise TypeError("a column must be numeric on both sides or categorical on both")


def svg_rects(items: list[Bar]) -> list[dict[str, Any]]:
    """Geometry of grouped bars (reference left, current right) scaled to the tallest."""
    if not items:
        return []
    top = max(max(b.reference, b.current) for b in items) or 1.0
    slot = WIDTH / len(items)
    out = []
    for i, bar in enumerate(items):
        for j, (side, share) in enumerate((("reference", bar.reference), ("current", bar.current))):
            height = HEIGHT * share / top
            out.append(
                {
                    "x": round(i * slot + j * slot / 2 + 0.5, 2),
                    "y": round(HEIGHT - height, 2),
                    "w": round(max(slot / 2 - 1, 0.5), 2),
                    "h": round(height, 2),
                    "side": side,
                    "title": f"{bar.label}: {side} {share:.1%}",
                }
            )
    return out


def build(reference: Table, current: Table, options: DriftOptions | None = None) -> dict[str, Any]:
    """Everything the report shows, as JSON-ready data."""
    names = [n for n in reference if n in current]
    drift: DatasetDrift = compare(reference, current, names, options)
    quality = [asdict(column_quality(n, reference[n], current[n])) for n in names]
    ranked = rank_features(reference, current, names)
    summary = drift.to_json()
    columns: list[dict[str, Any]] = []
    for result, shown in zip(drift.columns, summary["columns"], strict=True):
        items = bars(reference[result.column], current[result.column])
        columns.append({**shown, "bars": [asdict(b) for b in items], "rects": svg_rects(items)})
    return {
        "rows": {"reference": _rows(reference), "current": _rows(current)},
        "drift": {k: v for k, v in summary.items() if k != "columns"},
        "columns": columns,
        "quality": quality,
        "duplicates": duplicate_rows(current),
        "ranking": [asdict(c) for c in ranked],
    }


def _rows(table: Table) -> int:
    return len(next(iter(table.values()))) if table else 0


def render(data: dict[str, Any], title: str) -> str:
    env = Environment(
        loader=PackageLoader("infranest.monitor", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("report.html.j2").render(
        data=data, title=title, width=WIDTH, height=HEIGHT
    )
