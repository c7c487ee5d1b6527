// Series colours for charts: CSS variables defined for both themes in charts.css (each has
// at least 3:1 contrast with the page background, WCAG 1.4.11).
export const SERIES = [
  "var(--chart-1)",
  "var(--chart-2)",
  "var(--chart-3)",
  "var(--chart-4)",
] as const;

/** Axis and grid styling shared by every chart. */
export const AXIS_TICK = { fill: "var(--fg)", fontSize: 12 } as const;
export const GRID_STROKE = "var(--border)";
export const TOOLTIP_STYLE = {
  contentStyle: { background: "var(--bg)", border: "1px solid var(--border)", color: "var(--fg)" },
  labelStyle: { color: "var(--fg)" },
  itemStyle: { color: "var(--fg)" },
} as const;
