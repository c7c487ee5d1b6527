// Chart data for the capacity view: per-endpoint bars and the growth forecast over months.
import type { EndpointCapacity, ForecastReport, Resource } from "./types";

export const TARGETS = ["fastapi", "django", "fiber", "express", "rails"] as const;
export const RESOURCES: readonly Resource[] = ["app", "db", "network"];
export const RESOURCE_NAMES: Readonly<Record<Resource, string>> = {
  app: "application CPU",
  db: "database",
  network: "network",
};

export interface EndpointBar {
  /** "GET /notes/{id}" */
  name: string;
  ceiling: number | null;
  p50: number | null;
  p95: number | null;
  bottleneck: Resource;
}

/** One bar per endpoint, in the server's order. */
export function endpointBars(endpoints: readonly EndpointCapacity[]): EndpointBar[] {
  return endpoints.map((e) => ({
    name: `${e.method} ${e.path}`,
    ceiling: e.ceiling_rps,
    p50: e.p50_ms,
    p95: e.p95_ms,
    bottleneck: e.bottleneck,
  }));
}

/** The `limit` endpoints that matter most for `key`: lowest ceiling, or highest latency. */
export function worstEndpoints(
  bars: readonly EndpointBar[],
  key: "ceiling" | "p95",
  limit: number,
): EndpointBar[] {
  const value = (bar: EndpointBar) => bar[key];
  const sorted = [...bars].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0);
    return key === "ceiling" ? x - y : y - x;
  });
  return sorted.slice(0, limit);
}

export interface ForecastPoint {
  month: number;
  /** Peak requests per second that month (compounded monthly growth). */
  demand: number;
  /** The peak at a month where the plan changes something, else null (drawn as a dot). */
  change: number | null;
}

/** Month 0 to the horizon: the peak traffic the forecast checks, and the plan's months. */
export function forecastSeries(forecast: ForecastReport): ForecastPoint[] {
  const factor = 1 + forecast.monthly_growth_percent / 100;
  const changes = new Map(forecast.plan.map((step) => [step.month, step.peak_rps]));
  const points: ForecastPoint[] = [];
  for (let month = 0; month <= forecast.horizon_months; month += 1) {
    const demand = round(forecast.peak_rps * factor ** month, 1);
    points.push({ month, demand, change: changes.get(month) ?? null });
  }
  return points;
}

/** One month of the utilisation chart: percent of capacity per resource (null: not sent). */
export type UtilisationPoint = { month: number } & Record<Resource, number | null>;

/** Month 0 to the horizon: each resource's utilisation at the peak, in percent. */
export function utilisationSeries(forecast: ForecastReport): UtilisationPoint[] {
  const byMonth = new Map<number, UtilisationPoint>();
  for (let month = 0; month <= forecast.horizon_months; month += 1) {
    byMonth.set(month, { month, app: null, db: null, network: null });
  }
  for (const resource of RESOURCES) {
    for (const sample of forecast.utilisation_by_month[resource] ?? []) {
      const point = byMonth.get(sample.month);
      if (point) point[resource] = round(sample.utilisation * 100, 1);
    }
  }
  return [...byMonth.values()];
}

export interface Saturation {
  resource: Resource;
  month: number;
}

/** The resources that saturate within the horizon (without changes), earliest first. */
export function saturations(forecast: ForecastReport): Saturation[] {
  return RESOURCES.flatMap((resource) => {
    const month = forecast.saturation_month[resource];
    return month === null || month === undefined ? [] : [{ resource, month }];
  }).sort((a, b) => a.month - b.month || a.resource.localeCompare(b.resource));
}

/** A number shown with at most `digits` decimals ("–" for a missing value). */
export function formatNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return "–";
  return value.toLocaleString("en", { maximumFractionDigits: digits });
}

/** Parses a numeric input: a finite number, or null when empty or not a number. */
export function parseNumber(text: string): number | null {
  if (text.trim() === "") return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** The predict route's query from the inputs (empty ones are left to the spec). */
export function predictQuery(input: {
  rps: string;
  growth: string;
  target: string;
  horizon: string;
}): string {
  const params = new URLSearchParams();
  const rps = parseNumber(input.rps);
  const growth = parseNumber(input.growth);
  const horizon = parseNumber(input.horizon);
  if (rps !== null) params.set("rps", String(rps));
  if (growth !== null) params.set("growth", String(growth));
  if (horizon !== null) params.set("horizon", String(Math.round(horizon)));
  if (input.target) params.set("target", input.target);
  const text = params.toString();
  return text ? `?${text}` : "";
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
