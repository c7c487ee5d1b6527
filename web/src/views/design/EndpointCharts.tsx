// The per-endpoint charts, limited to the endpoints that matter most unless asked for all.
import { useState } from "react";

import { CeilingChart, LatencyChart } from "./CapacityCharts";
import { endpointBars, worstEndpoints } from "./capacity";
import type { Prediction } from "./types";

const FEW = 15;

export function EndpointCharts({ prediction }: { prediction: Prediction }) {
  const [all, setAll] = useState(false);
  const bars = endpointBars(prediction.capacity.endpoints);
  const limit = all ? bars.length : FEW;
  return (
    <>
      {bars.length > FEW && (
        <p>
          {all
            ? `Showing all ${bars.length} endpoints.`
            : `Showing the ${FEW} endpoints with the lowest ceiling and the highest p95 latency of ${bars.length}.`}{" "}
          <button type="button" onClick={() => setAll(!all)}>
            {all ? `Show only ${FEW}` : `Show all ${bars.length} endpoints`}
          </button>
        </p>
      )}
      <CeilingChart bars={worstEndpoints(bars, "ceiling", limit)} />
      <LatencyChart bars={worstEndpoints(bars, "p95", limit)} rps={prediction.capacity.rps} />
    </>
  );
}
