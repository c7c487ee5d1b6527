// One model version's dashboard: drift per feature over windows, a feature's reference
// and current distributions, performance, alerts and the root-cause ranking.
import { useState } from "react";
import { useSearchParams } from "react-router";

import { ErrorNote, Loading } from "../../components/Status";
import { useApi } from "../../hooks";
import { AlertsPanel } from "./AlertsPanel";
import { DistributionChart } from "./DistributionChart";
import { DriftHeatmap } from "./DriftHeatmap";
import { FeatureTrendChart } from "./FeatureTrendChart";
import { PerformancePanel } from "./PerformancePanel";
import { RootCausePanel } from "./RootCausePanel";
import { windowLabel } from "./shape";
import type { DriftReport, MonitorModel } from "./types";

const WINDOWS = ["15m", "30m", "1h", "6h", "1d", "7d"] as const;

export function ModelDashboard({
  workspaceId,
  model,
}: {
  workspaceId: string;
  model: MonitorModel;
}) {
  const [params, setParams] = useSearchParams();
  const span = params.get("window") ?? "1h";
  const count = Math.min(200, Math.max(1, Number(params.get("windows")) || 12));
  const features = model.columns.filter((c) => c.role === "feature").map((c) => c.name);
  const [feature, setFeature] = useState<string>(features[0] ?? "");
  const base = `/workspaces/${workspaceId}/monitor/models/${encodeURIComponent(model.model)}/versions/${encodeURIComponent(model.version)}`;
  const query = `window=${span}&windows=${count}`;
  const drift = useApi<DriftReport>(`${base}/drift?${query}`);

  const setParam = (key: string, value: string) =>
    setParams((now) => {
      const out = new URLSearchParams(now);
      out.set(key, value);
      return out;
    });

  const last = drift.data?.windows.at(-1);
  return (
    <div className="model-dashboard">
      <form className="monitor-controls" onSubmit={(e) => e.preventDefault()}>
        <label>
          Window{" "}
          <select value={span} onChange={(e) => setParam("window", e.target.value)}>
            {[...new Set([...WINDOWS, span])].map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </label>
        <label>
          Windows shown{" "}
          <input
            type="number"
            min={1}
            max={200}
            value={count}
            onChange={(e) => setParam("windows", e.target.value)}
          />
        </label>
        <span className="muted">
          {last ? `Latest window starts ${windowLabel(last.start)} UTC.` : ""} Reference:{" "}
          {model.reference_events.toLocaleString("en")} events.
        </span>
      </form>

      <section aria-labelledby="drift-heading">
        <h2 id="drift-heading">Drift per feature</h2>
        <ErrorNote error={drift.error} />
        {drift.loading && <Loading what="Testing drift" />}
        {drift.data && (
          <>
            <DriftHeatmap report={drift.data} selected={feature} onSelect={setFeature} />
            {feature && <FeatureTrendChart report={drift.data} feature={feature} />}
          </>
        )}
      </section>

      <section aria-labelledby="distribution-heading">
        <h2 id="distribution-heading">Reference and current distribution</h2>
        <label htmlFor="distribution-feature">Feature</label>{" "}
        <select
          id="distribution-feature"
          value={feature}
          onChange={(e) => setFeature(e.target.value)}
        >
          {features.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
        {feature && (
          <DistributionChart
            path={`${base}/distribution?column=${encodeURIComponent(feature)}&window=${span}`}
          />
        )}
      </section>

      <PerformancePanel path={`${base}/performance?${query}`} />
      <AlertsPanel workspaceId={workspaceId} model={model} />
      <RootCausePanel path={`${base}/rootcause?window=${span}`} onSelect={setFeature} />
    </div>
  );
}
