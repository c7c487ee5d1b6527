// A feature in the reference sample and the current window side by side: histogram bins
// or category counts, as shares of each sample so that samples of any size compare.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import { ChartFigure } from "../../components/charts/ChartFigure";
import { ChartTable } from "../../components/charts/ChartTable";
import { AXIS_TICK, GRID_STROKE, SERIES, TOOLTIP_STYLE } from "../../components/charts/palette";
import { ErrorNote, Loading } from "../../components/Status";
import { useApi } from "../../hooks";
import { distributionBars, percent, windowLabel } from "./shape";
import type { Distribution } from "./types";

export function DistributionChart({ path }: { path: string }) {
  const found = useApi<Distribution>(path);
  const data = found.data;
  if (found.error) return <ErrorNote error={found.error} />;
  if (!data) return <Loading what="Loading the distribution" />;
  const bars = distributionBars(data).map((b) => ({
    ...b,
    referencePct: Math.round(b.referenceShare * 1000) / 10,
    currentPct: Math.round(b.currentShare * 1000) / 10,
  }));
  const what = data.kind === "numeric" ? "bins" : "categories";
  const top = [...bars].sort(
    (a, b) =>
      Math.abs(b.currentShare - b.referenceShare) - Math.abs(a.currentShare - a.referenceShare),
  )[0];
  const summary =
    `${data.column}: ${bars.length} ${what}, reference versus the window from ${windowLabel(data.start)} UTC (${data.events} events). ` +
    (top
      ? `Largest difference: ${top.label}, ${percent(top.referenceShare)} of the reference and ${percent(top.currentShare)} now.`
      : "");
  return (
    <ChartFigure
      title={`${data.column}: share of values per ${data.kind === "numeric" ? "bin" : "category"} (%)`}
      summary={summary}
      height={280}
      table={
        <ChartTable
          caption={`${data.column}: reference and current counts (missing: ${data.missing.reference} reference, ${data.missing.current} current)`}
          rows={bars}
          rowKey={(b) => b.label}
          columns={[
            { header: data.kind === "numeric" ? "Bin" : "Value", cell: (b) => b.label },
            { header: "Reference", cell: (b) => b.reference, numeric: true },
            { header: "Reference %", cell: (b) => percent(b.referenceShare), numeric: true },
            { header: "Current", cell: (b) => b.current, numeric: true },
            { header: "Current %", cell: (b) => percent(b.currentShare), numeric: true },
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} accessibilityLayer={false} margin={{ top: 10, right: 24 }}>
          <CartesianGrid stroke={GRID_STROKE} vertical={false} />
          <XAxis dataKey="label" tick={AXIS_TICK} stroke={GRID_STROKE} />
          <YAxis tick={AXIS_TICK} stroke={GRID_STROKE} width={50} unit="%" />
          <Tooltip {...TOOLTIP_STYLE} />
          <Legend wrapperStyle={{ color: "var(--fg)" }} />
          <Bar
            dataKey="referencePct"
            name="reference %"
            fill={SERIES[0]}
            isAnimationActive={false}
          />
          <Bar dataKey="currentPct" name="current %" fill={SERIES[1]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
