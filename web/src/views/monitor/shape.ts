// Pure shaping of the monitor routes' answers into what the dashboard draws.
import type {
  AlertRecord,
  AlertRule,
  Distribution,
  DriftReport,
  FeatureDrift,
  PerformanceReport,
} from "./types";

/** "11-23 18:58" (UTC): a window's start, short enough for an axis. */
export function windowLabel(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, "0");
  return (
    `${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}`
  );
}

/** Whether a test reports a p-value (KS, chi-square, z) rather than a distance. */
export function isPValueTest(result: FeatureDrift): boolean {
  return result.p_value !== null;
}

/** The number a test is judged by: the (adjusted) p-value, or the distance statistic. */
export function testScore(result: FeatureDrift): number | null {
  if (isPValueTest(result)) return result.adjusted_p_value ?? result.p_value;
  return result.statistic;
}

export interface HeatCell {
  window: string;
  result: FeatureDrift | null;
  /** 0–4: how strong the drift is (Jensen–Shannon distance), for the cell's shade. */
  level: number;
}

export interface HeatRow {
  feature: string;
  cells: HeatCell[];
  /** Windows in which the feature drifted. */
  drifted: number;
}

/** Strength 0–1 → shade 0–4 (0.05, 0.1, 0.2, 0.3 are the steps). */
export function heatLevel(strength: number | null): number {
  if (strength === null) return 0;
  return [0.05, 0.1, 0.2, 0.3].filter((step) => strength >= step).length;
}

/** The features in the order first seen, each with one cell per window (oldest first). */
export function heatmap(report: DriftReport): HeatRow[] {
  const features: string[] = [];
  for (const w of report.windows)
    for (const f of w.features) if (!features.includes(f.column)) features.push(f.column);
  return features.map((feature) => {
    const cells = report.windows.map((w) => {
      const result = w.features.find((f) => f.column === feature) ?? null;
      return { window: w.start, result, level: heatLevel(result?.strength ?? null) };
    });
    return { feature, cells, drifted: cells.filter((c) => c.result?.drifted).length };
  });
}

export interface TrendPoint {
  window: string;
  score: number | null;
  threshold: number | null;
  strength: number | null;
  drifted: boolean;
}

/** One feature's test score per window, with the threshold it was judged against. */
export function featureTrend(report: DriftReport, feature: string): TrendPoint[] {
  return report.windows.map((w) => {
    const result = w.features.find((f) => f.column === feature);
    return {
      window: windowLabel(w.start),
      score: result ? testScore(result) : null,
      threshold: result?.threshold ?? null,
      strength: result?.strength ?? null,
      drifted: result?.drifted ?? false,
    };
  });
}

export interface DistributionBar {
  label: string;
  reference: number;
  current: number;
  /** Shares of each sample's present values, so samples of different sizes compare. */
  referenceShare: number;
  currentShare: number;
}

function compact(value: number): string {
  return Number(value.toPrecision(3)).toLocaleString("en");
}

/** Histogram bins or category counts, as bars with both samples' shares. */
export function distributionBars(found: Distribution): DistributionBar[] {
  const rows =
    found.kind === "numeric"
      ? found.bins.map((b) => ({
          label: `${compact(b.lower)}–${compact(b.upper)}`,
          reference: b.reference,
          current: b.current,
        }))
      : found.categories.map((c) => ({
          label: c.value,
          reference: c.reference,
          current: c.current,
        }));
  const refTotal = rows.reduce((sum, r) => sum + r.reference, 0);
  const curTotal = rows.reduce((sum, r) => sum + r.current, 0);
  return rows.map((r) => ({
    ...r,
    referenceShare: refTotal ? r.reference / refTotal : 0,
    currentShare: curTotal ? r.current / curTotal : 0,
  }));
}

export type PerformancePoint = { window: string; labelled: number } & Record<
  string,
  number | string | null
>;

/** One point per window with every metric (null where no labelled event arrived yet). */
export function performanceSeries(report: PerformanceReport): PerformancePoint[] {
  return report.windows.map((w) => {
    const point: PerformancePoint = { window: windowLabel(w.start), labelled: w.labelled };
    for (const name of report.metrics) point[name] = w.labelled ? (w.metrics[name] ?? null) : null;
    return point;
  });
}

/** Whether any window has labelled events (else performance cannot be shown). */
export function hasLabels(report: PerformanceReport): boolean {
  return report.windows.some((w) => w.labelled > 0);
}

/** The model version's alert rules, and the history records of those rules. */
export function modelAlerts(
  rules: readonly AlertRule[],
  history: readonly AlertRecord[],
  model: string,
  version: string,
): { rules: AlertRule[]; history: AlertRecord[] } {
  const mine = rules.filter((r) => r.model === model && r.version === version);
  const ids = new Set(mine.map((r) => r.id));
  const inModel = (h: AlertRecord) =>
    ids.has(h.rule) || (h.detail.model === model && h.detail.version === version);
  return { rules: mine, history: history.filter(inModel) };
}

/** A share 0–1 as "12.5%". */
export function percent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return "–";
  return `${(value * 100).toFixed(digits)}%`;
}

/** A statistic with 3 significant digits ("–" when missing). */
export function formatStat(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  if (value !== 0 && Math.abs(value) < 0.001) return value.toExponential(2);
  return Number(value.toPrecision(3)).toString();
}
