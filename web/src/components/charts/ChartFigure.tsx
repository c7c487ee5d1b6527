// A chart with its caption, a one-sentence text summary for screen readers, and the same
// numbers as a table (a disclosure below the chart).
import type { ReactNode } from "react";

import "./charts.css";

export interface ChartFigureProps {
  title: string;
  /** What the chart shows, in words (the chart image's accessible name). */
  summary: string;
  /** The chart's numbers as a table: the accessible alternative. */
  table: ReactNode;
  height?: number;
  children: ReactNode;
}

export function ChartFigure({ title, summary, table, height = 260, children }: ChartFigureProps) {
  return (
    <figure className="chart-figure">
      <figcaption className="chart-title">{title}</figcaption>
      <div className="chart-box" role="img" aria-label={summary} style={{ height }}>
        {children}
      </div>
      <details className="chart-table">
        <summary>Show “{title}” as a table</summary>
        {table}
      </details>
    </figure>
  );
}
