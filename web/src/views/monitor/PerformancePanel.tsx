// Model performance per window (labelled events only) beside the reference's.
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
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
import { formatStat, hasLabels, performanceSeries } from "./shape";
import type { PerformancePoint } from "./shape";
import type { PerformanceReport } from "./types";

export function PerformancePanel({ path }: { path: string }) {
  const found = useApi<PerformanceReport>(path);
  const report = found.data;
  return (
    <section aria-labelledby="performance-heading">
      <h2 id="performance-heading">Performance</h2>
      <ErrorNote error={found.error} />
      {found.loading && !report && <Loading what="Computing performance" />}
      {report && report.metrics.length === 0 && (
        <p>
          This model declares no label and prediction columns, so it has no performance metrics.
        </p>
      )}
      {report && report.metrics.length > 0 && !hasLabels(report) && (
        <p>No labelled events in these windows yet: performance appears once labels arrive.</p>
      )}
      {report && report.metrics.length > 0 && hasLabels(report) && <Chart report={report} />}
    </section>
  );
}

function Chart({ report }: { report: PerformanceReport }) {
  const points = performanceSeries(report);
  const reference = report.metrics
    .map((m) => `${m} ${formatStat(report.reference.metrics[m])}`)
    .join(", ");
  const latest = [...points].reverse().find((p) => p.labelled > 0);
  const summary =
    `${report.metrics.join(", ")} per window on labelled events. Reference: ${reference}. ` +
    (latest
      ? `Latest labelled window ${latest.window}: ${report.metrics.map((m) => `${m} ${formatStat(latest[m] as number | null)}`).join(", ")}.`
      : "");
  const columns = [
    { header: "Window (UTC)", cell: (p: PerformancePoint) => p.window },
    { header: "Labelled", cell: (p: PerformancePoint) => p.labelled, numeric: true },
    ...report.metrics.map((m) => ({
      header: m,
      cell: (p: PerformancePoint) => formatStat(p[m] as number | null),
      numeric: true,
    })),
  ];
  return (
    <ChartFigure
      title={`Performance per window (reference: ${reference})`}
      summary={summary}
      height={260}
      table={
        <ChartTable
          caption="Performance per window"
          rows={points}
          rowKey={(p) => p.window}
          columns={columns}
        />
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} accessibilityLayer={false} margin={{ top: 10, right: 24 }}>
          <CartesianGrid stroke={GRID_STROKE} />
          <XAxis dataKey="window" tick={AXIS_TICK} stroke={GRID_STROKE} />
          <YAxis tick={AXIS_TICK} stroke={GRID_STROKE} width={60} />
          <Tooltip {...TOOLTIP_STYLE} />
          <Legend wrapperStyle={{ color: "var(--fg)" }} />
          {report.metrics.map((m, index) => (
            <Line
              key={m}
              dataKey={m}
              name={m}
              stroke={SERIES[index % SERIES.length]}
              strokeWidth={2}
              strokeDasharray={index >= SERIES.length ? "5 3" : undefined}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
