import { describe, expect, it } from "vitest";

import {
  endpointBars,
  forecastSeries,
  predictQuery,
  saturations,
  utilisationSeries,
  worstEndpoints,
} from "./capacity";
import type { EndpointCapacity, ForecastReport } from "./types";

function endpoint(path: string, ceiling: number | null, p95: number | null): EndpointCapacity {
  return {
    operation: path,
    method: "GET",
    path,
    queries: 1,
    response_bytes: 10,
    share: 0.1,
    ceiling_rps: ceiling,
    bottleneck: "app",
    p50_ms: p95 === null ? null : p95 / 2,
    p95_ms: p95,
    notes: [],
  };
}

const FORECAST: ForecastReport = {
  monthly_growth_percent: 10,
  peak_rps: 100,
  horizon_months: 3,
  saturation_month: { app: 2, db: null, network: 1 },
  plan: [
    {
      month: 1,
      resource: "network",
      utilisation: 0.82,
      peak_rps: 110,
      change: "cache",
      reason: "r",
      effect: "e",
      months_gained: 1,
    },
  ],
  utilisation_by_month: {
    app: [0.5, 0.62, 0.81, 0.97].map((utilisation, month) => ({ month, utilisation })),
    network: [0.7, 0.8251, 0.9, 1.2].map((utilisation, month) => ({ month, utilisation })),
  },
};

describe("endpoint bars", () => {
  const bars = endpointBars([
    endpoint("/a", 500, 3),
    endpoint("/b", 100, 9),
    endpoint("/c", null, null),
  ]);

  it("names each endpoint by method and path", () => {
    expect(bars.map((b) => b.name)).toEqual(["GET /a", "GET /b", "GET /c"]);
    expect(bars[1]).toMatchObject({ ceiling: 100, p50: 4.5, p95: 9 });
  });

  it("puts the lowest ceilings and the highest latencies first, unknowns last", () => {
    expect(worstEndpoints(bars, "ceiling", 3).map((b) => b.name)).toEqual([
      "GET /b",
      "GET /a",
      "GET /c",
    ]);
    expect(worstEndpoints(bars, "p95", 1).map((b) => b.name)).toEqual(["GET /b"]);
  });
});

describe("forecast series", () => {
  it("compounds the monthly growth up to the horizon and marks planned changes", () => {
    expect(forecastSeries(FORECAST)).toEqual([
      { month: 0, demand: 100, change: null },
      { month: 1, demand: 110, change: 110 },
      { month: 2, demand: 121, change: null },
      { month: 3, demand: 133.1, change: null },
    ]);
  });

  it("lists the saturating resources, earliest first", () => {
    expect(saturations(FORECAST)).toEqual([
      { resource: "network", month: 1 },
      { resource: "app", month: 2 },
    ]);
  });
});

describe("utilisation series", () => {
  it("gives each month every resource's utilisation in percent, null where none was sent", () => {
    expect(utilisationSeries(FORECAST)).toEqual([
      { month: 0, app: 50, db: null, network: 70 },
      { month: 1, app: 62, db: null, network: 82.5 },
      { month: 2, app: 81, db: null, network: 90 },
      { month: 3, app: 97, db: null, network: 120 },
    ]);
  });

  it("keeps the horizon's months when the server sent no series", () => {
    const points = utilisationSeries({ ...FORECAST, utilisation_by_month: {} });
    expect(points.map((p) => p.month)).toEqual([0, 1, 2, 3]);
    expect(points.every((p) => p.app === null && p.db === null && p.network === null)).toBe(true);
  });
});

describe("predictQuery", () => {
  it("sends only the inputs given", () => {
    expect(predictQuery({ rps: "", growth: "", target: "", horizon: "" })).toBe("");
    expect(predictQuery({ rps: "250", growth: "5.5", target: "go", horizon: "12.4" })).toBe(
      "?rps=250&growth=5.5&horizon=12&target=go",
    );
    expect(predictQuery({ rps: "abc", growth: "", target: "", horizon: "" })).toBe("");
  });
});
