// One feature's drift test over the windows, with the threshold it is judged against.
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import { ChartFigure } from "../../components/charts/ChartFigure";
import { ChartTable } from "../../components/charts/ChartTable";
import { AXIS_TICK, GRID_STROKE, SERIES, TOOLTIP_STYLE } from "../../components/charts/palette";
import { featureTrend, formatStat } from "./shape";
import type { DriftReport } from "./types";

export function FeatureTrendChart({ report, feature }: { report: DriftReport; feature: string }) {
  const points = featureTrend(report, feature);
  const sample = report.windows.flatMap((w) => w.features).find((f) => f.column === feature);
  const pValue = sample ? sample.p_value !== null : false;
  const threshold = [...points].reverse().find((p) => p.threshold !== null)?.threshold ?? null;
  const measure = pValue ? "adjusted p-value" : `${sample?.method ?? "test"} distance`;
  const drifted = points.filter((p) => p.drifted).length;
  const summary =
    `${feature}: ${measure} per window; drift ${pValue ? "below" : "above"} ${formatStat(threshold)}. ` +
    `Drifted in ${drifted} of ${points.filter((p) => p.score !== null).length} windows with data.`;
  return (
    <ChartFigure
      title={`${feature}: ${measure} per window (threshold ${formatStat(threshold)})`}
      summary={summary}
      height={220}
      table={
        <ChartTable
          caption={`${feature}: drift test per window`}
          rows={points}
          rowKey={(p) => p.window}
          columns={[
            { header: "Window (UTC)", cell: (p) => p.window },
            { header: measure, cell: (p) => formatStat(p.score), numeric: true },
            { header: "Threshold", cell: (p) => formatStat(p.threshold), numeric: true },
            { header: "Strength", cell: (p) => formatStat(p.strength), numeric: true },
            { header: "Drifted", cell: (p) => (p.score === null ? "–" : p.drifted ? "yes" : "no") },
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} accessibilityLayer={false} margin={{ top: 10, right: 24 }}>
          <CartesianGrid stroke={GRID_STROKE} />
          <XAxis dataKey="window" tick={AXIS_TICK} stroke={GRID_STROKE} />
          <YAxis tick={AXIS_TICK} stroke={GRID_STROKE} width={60} />
          <Tooltip {...TOOLTIP_STYLE} />
          {threshold !== null && (
            <ReferenceLine
              y={threshold}
              stroke={SERIES[1]}
              strokeDasharray="5 4"
              label={{
                value: "threshold",
                fill: "var(--fg)",
                fontSize: 12,
                position: "insideTopRight",
              }}
            />
          )}
          <Line
            dataKey="score"
            name={measure}
            stroke={SERIES[0]}
            strokeWidth={2}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
