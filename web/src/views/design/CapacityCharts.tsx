// The capacity charts: per-endpoint ceiling and latency bars, and the growth forecast line.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
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
import { RESOURCE_NAMES, formatNumber, forecastSeries, saturations } from "./capacity";
import type { EndpointBar, ForecastPoint } from "./capacity";
import type { ForecastReport } from "./types";

const NAME_WIDTH = 190;

function barHeight(rows: number): number {
  return Math.max(160, rows * 28 + 60);
}

export function CeilingChart({ bars }: { bars: EndpointBar[] }) {
  const lowest = [...bars].sort((a, b) => (a.ceiling ?? Infinity) - (b.ceiling ?? Infinity))[0];
  const summary = lowest
    ? `Throughput ceiling of ${bars.length} endpoints; the lowest is ${lowest.name} at ${formatNumber(lowest.ceiling)} requests per second.`
    : "No endpoints.";
  return (
    <ChartFigure
      title="Throughput ceiling per endpoint (requests/s)"
      summary={summary}
      height={barHeight(bars.length)}
      table={
        <ChartTable
          caption="Throughput ceiling per endpoint"
          rows={bars}
          rowKey={(row) => row.name}
          columns={[
            { header: "Endpoint", cell: (row) => <code>{row.name}</code> },
            { header: "Ceiling (req/s)", cell: (row) => formatNumber(row.ceiling), numeric: true },
            { header: "Bottleneck", cell: (row) => RESOURCE_NAMES[row.bottleneck] },
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} layout="vertical" accessibilityLayer={false} margin={{ right: 24 }}>
          <CartesianGrid stroke={GRID_STROKE} horizontal={false} />
          <XAxis type="number" tick={AXIS_TICK} stroke={GRID_STROKE} />
          <YAxis
            type="category"
            dataKey="name"
            width={NAME_WIDTH}
            tick={AXIS_TICK}
            stroke={GRID_STROKE}
            interval={0}
          />
          <Tooltip {...TOOLTIP_STYLE} />
          <Bar
            dataKey="ceiling"
            name="ceiling (req/s)"
            fill={SERIES[0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function LatencyChart({ bars, rps }: { bars: EndpointBar[]; rps: number }) {
  const slowest = [...bars].sort((a, b) => (b.p95 ?? -1) - (a.p95 ?? -1))[0];
  const summary = slowest
    ? `Latency per endpoint at ${formatNumber(rps)} requests per second; the slowest p95 is ${slowest.name} at ${formatNumber(slowest.p95, 2)} ms.`
    : "No endpoints.";
  return (
    <ChartFigure
      title={`Latency at ${formatNumber(rps)} req/s: p50 and p95 (ms)`}
      summary={summary}
      height={barHeight(bars.length)}
      table={
        <ChartTable
          caption={`Latency per endpoint at ${formatNumber(rps)} requests per second`}
          rows={bars}
          rowKey={(row) => row.name}
          columns={[
            { header: "Endpoint", cell: (row) => <code>{row.name}</code> },
            { header: "p50 (ms)", cell: (row) => formatNumber(row.p50, 2), numeric: true },
            { header: "p95 (ms)", cell: (row) => formatNumber(row.p95, 2), numeric: true },
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} layout="vertical" accessibilityLayer={false} margin={{ right: 24 }}>
          <CartesianGrid stroke={GRID_STROKE} horizontal={false} />
          <XAxis type="number" tick={AXIS_TICK} stroke={GRID_STROKE} />
          <YAxis
            type="category"
            dataKey="name"
            width={NAME_WIDTH}
            tick={AXIS_TICK}
            stroke={GRID_STROKE}
            interval={0}
          />
          <Tooltip {...TOOLTIP_STYLE} />
          <Legend wrapperStyle={{ color: "var(--fg)" }} />
          <Bar dataKey="p50" name="p50 (ms)" fill={SERIES[0]} isAnimationActive={false} />
          <Bar dataKey="p95" name="p95 (ms)" fill={SERIES[1]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function ForecastChart({ forecast }: { forecast: ForecastReport }) {
  const points: ForecastPoint[] = forecastSeries(forecast);
  const marks = saturations(forecast);
  const summary =
    `Peak traffic over ${forecast.horizon_months} months growing ${formatNumber(forecast.monthly_growth_percent)}% a month, from ${formatNumber(forecast.peak_rps)} requests per second. ` +
    (marks.length > 0
      ? marks.map((m) => `${RESOURCE_NAMES[m.resource]} saturates in month ${m.month}`).join("; ")
      : "No resource saturates within the horizon.");
  return (
    <ChartFigure
      title="Growth forecast: peak traffic (req/s) by month"
      summary={summary}
      height={300}
      table={
        <ChartTable
          caption="Peak traffic by month; months where the plan changes something are marked"
          rows={points}
          rowKey={(row) => row.month}
          columns={[
            { header: "Month", cell: (row) => row.month, numeric: true },
            { header: "Peak (req/s)", cell: (row) => formatNumber(row.demand), numeric: true },
            { header: "Planned change", cell: (row) => (row.change === null ? "" : "yes") },
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} accessibilityLayer={false} margin={{ top: 16, right: 24 }}>
          <CartesianGrid stroke={GRID_STROKE} />
          <XAxis
            dataKey="month"
            tick={AXIS_TICK}
            stroke={GRID_STROKE}
            label={{ value: "month", position: "insideBottomRight", offset: -4, fill: "var(--fg)" }}
          />
          <YAxis tick={AXIS_TICK} stroke={GRID_STROKE} width={70} />
          <Tooltip {...TOOLTIP_STYLE} />
          <Legend wrapperStyle={{ color: "var(--fg)" }} />
          {marks.map((mark, index) => (
            <ReferenceLine
              key={mark.resource}
              x={mark.month}
              stroke={SERIES[2]}
              strokeDasharray="4 3"
              label={{
                value: `${mark.resource} saturates`,
                fill: "var(--fg)",
                fontSize: 12,
                position: "insideTopLeft",
                dy: index * 16,
              }}
            />
          ))}
          <Line
            type="monotone"
            dataKey="demand"
            name="peak req/s"
            stroke={SERIES[0]}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="change"
            name="planned change"
            stroke="none"
            dot={{ r: 5, fill: SERIES[1], stroke: SERIES[1] }}
            legendType="circle"
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
