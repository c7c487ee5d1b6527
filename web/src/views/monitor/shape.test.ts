import { describe, expect, it } from "vitest";

import {
  distributionBars,
  featureTrend,
  formatStat,
  hasLabels,
  heatLevel,
  heatmap,
  modelAlerts,
  performanceSeries,
  testScore,
  windowLabel,
} from "./shape";
import type { AlertRule, DriftReport, FeatureDrift, PerformanceReport } from "./types";

function result(column: string, over: Partial<FeatureDrift> = {}): FeatureDrift {
  return {
    column,
    kind: "numeric",
    method: "wasserstein",
    statistic: 0.05,
    p_value: null,
    adjusted_p_value: null,
    threshold: 0.1,
    drifted: false,
    n_reference: 100,
    n_current: 50,
    skipped: null,
    strength: 0.04,
    ...over,
  };
}

const REPORT: DriftReport = {
  model: "churn",
  version: "1",
  window: "1h",
  reference_events: 100,
  windows: [
    {
      start: "2026-11-23T08:00:00Z",
      end: "2026-11-23T09:00:00Z",
      events: 0,
      drift_share: null,
      drifted: null,
      features: [],
    },
    {
      start: "2026-11-23T09:00:00Z",
      end: "2026-11-23T10:00:00Z",
      events: 50,
      drift_share: 0.5,
      drifted: true,
      features: [
        result("age"),
        result("plan", {
          method: "chi2",
          statistic: 30,
          p_value: 0.001,
          adjusted_p_value: 0.002,
          threshold: 0.05,
          drifted: true,
          strength: 0.25,
        }),
      ],
    },
  ],
};

describe("drift heatmap", () => {
  it("has one row per feature and one cell per window, empty windows included", () => {
    const rows = heatmap(REPORT);
    expect(rows.map((r) => r.feature)).toEqual(["age", "plan"]);
    expect(rows[1]!.cells.map((c) => [c.result?.drifted ?? null, c.level])).toEqual([
      [null, 0],
      [true, 3],
    ]);
    expect(rows[1]!.drifted).toBe(1);
  });

  it("shades by strength and judges p-value tests by the adjusted p-value", () => {
    expect([null, 0.01, 0.05, 0.15, 0.2, 0.5].map(heatLevel)).toEqual([0, 0, 1, 2, 3, 4]);
    expect(testScore(REPORT.windows[1]!.features[1]!)).toBe(0.002);
    expect(testScore(REPORT.windows[1]!.features[0]!)).toBe(0.05);
  });

  it("follows one feature over the windows with its threshold", () => {
    expect(featureTrend(REPORT, "plan")).toEqual([
      { window: "11-23 08:00", score: null, threshold: null, strength: null, drifted: false },
      { window: "11-23 09:00", score: 0.002, threshold: 0.05, strength: 0.25, drifted: true },
    ]);
  });
});

describe("distribution bars", () => {
  it("turns counts into shares of each sample", () => {
    const bars = distributionBars({
      column: "region",
      kind: "categorical",
      missing: { reference: 0, current: 0 },
      bins: [],
      categories: [
        { value: "eu", reference: 75, current: 10 },
        { value: "apac", reference: 25, current: 30 },
      ],
      start: "",
      end: "",
      events: 40,
    });
    expect(bars).toEqual([
      { label: "eu", reference: 75, current: 10, referenceShare: 0.75, currentShare: 0.25 },
      { label: "apac", reference: 25, current: 30, referenceShare: 0.25, currentShare: 0.75 },
    ]);
  });

  it("labels numeric bins by their edges", () => {
    const bars = distributionBars({
      column: "spend",
      kind: "numeric",
      missing: { reference: 0, current: 0 },
      bins: [{ lower: 7.68, upper: 16.680999, reference: 0, current: 0 }],
      categories: [],
      start: "",
      end: "",
      events: 0,
    });
    expect(bars[0]).toMatchObject({ label: "7.68–16.7", referenceShare: 0, currentShare: 0 });
  });
});

describe("performance and alerts", () => {
  const perf: PerformanceReport = {
    model: "churn",
    version: "1",
    metrics: ["accuracy", "f1"],
    reference: { events: 10, labelled: 10, metrics: { accuracy: 0.8, f1: 0.5 } },
    windows: [
      {
        start: "2026-11-23T08:00:00Z",
        end: "",
        events: 5,
        labelled: 0,
        metrics: { accuracy: null, f1: null },
      },
      {
        start: "2026-11-23T09:00:00Z",
        end: "",
        events: 5,
        labelled: 5,
        metrics: { accuracy: 0.6, f1: 0.4 },
      },
    ],
  };

  it("gives one point per window, null until labels arrive", () => {
    expect(performanceSeries(perf)).toEqual([
      { window: "11-23 08:00", labelled: 0, accuracy: null, f1: null },
      { window: "11-23 09:00", labelled: 5, accuracy: 0.6, f1: 0.4 },
    ]);
    expect(hasLabels(perf)).toBe(true);
    expect(hasLabels({ ...perf, windows: [perf.windows[0]!] })).toBe(false);
  });

  it("keeps the model version's rules and their history", () => {
    const rule = (id: string, model: string): AlertRule => ({
      id,
      model,
      version: "1",
      metric: "drift_share",
      op: ">=",
      threshold: 0.3,
      window: "1h",
      reference: "previous",
      min_events: 1,
      severity: "critical",
      cooldown: "1h",
      channels: [],
      description: null,
    });
    const found = modelAlerts(
      [rule("a", "churn"), rule("b", "fraud")],
      [
        { rule: "a", at: "t", status: "firing", severity: "critical", value: 0.5, detail: {} },
        { rule: "b", at: "t", status: "firing", severity: "critical", value: 0.5, detail: {} },
        {
          rule: "gone",
          at: "t",
          status: "resolved",
          severity: "warning",
          value: null,
          detail: { model: "churn", version: "1" },
        },
      ],
      "churn",
      "1",
    );
    expect(found.rules.map((r) => r.id)).toEqual(["a"]);
    expect(found.history.map((h) => h.rule)).toEqual(["a", "gone"]);
  });
});

describe("formatting", () => {
  it("labels windows in UTC and rounds statistics", () => {
    expect(windowLabel("2026-01-05T07:30:00Z")).toBe("01-05 07:30");
    expect(formatStat(0.123456)).toBe("0.123");
    expect(formatStat(0.0000123)).toBe("1.23e-5");
    expect(formatStat(null)).toBe("–");
  });
});
