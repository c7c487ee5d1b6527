// The growth forecast as utilisation: each resource's share of its capacity by month,
// against the 100% line (without the plan's changes).
import {
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
import { RESOURCES, RESOURCE_NAMES, formatNumber, utilisationSeries } from "./capacity";
import type { UtilisationPoint } from "./capacity";
import type { ForecastReport, Resource } from "./types";

/** Dash patterns so the lines differ by more than colour (WCAG 1.4.1). */
const DASHES: Readonly<Record<Resource, string | undefined>> = {
  app: undefined,
  db: "6 3",
  network: "2 3",
};

function percent(value: number | null): string {
  return value === null ? "–" : `${formatNumber(value)}%`;
}

function describe(points: UtilisationPoint[], horizon: number): string {
  const last = points[points.length - 1];
  const parts = RESOURCES.flatMap((r) => {
    const full = points.find((p) => (p[r] ?? 0) >= 100);
    if (last === undefined || last[r] === null) return [];
    return [
      `${RESOURCE_NAMES[r]} ${percent(points[0]?.[r] ?? null)} now, ${percent(last[r])} in month ${horizon}` +
        (full ? ` (reaches 100% in month ${full.month})` : ""),
    ];
  });
  return parts.length > 0
    ? `Utilisation of each resource's capacity at the peak, by month, without changes: ${parts.join("; ")}.`
    : "No utilisation series in this forecast.";
}

export function UtilisationChart({ forecast }: { forecast: ForecastReport }) {
  const points = utilisationSeries(forecast);
  return (
    <ChartFigure
      title="Utilisation of capacity (%) by month as traffic grows, without changes"
      summary={describe(points, forecast.horizon_months)}
      height={300}
      table={
        <ChartTable
          caption="Utilisation of each resource's capacity at the peak, by month (100% = full)"
          rows={points}
          rowKey={(row) => row.month}
          columns={[
            { header: "Month", cell: (row) => row.month, numeric: true },
            ...RESOURCES.map((r) => ({
              header: `${RESOURCE_NAMES[r]} (%)`,
              cell: (row: UtilisationPoint) => percent(row[r]),
              numeric: true,
            })),
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
          <YAxis tick={AXIS_TICK} stroke={GRID_STROKE} width={70} unit="%" />
          <Tooltip {...TOOLTIP_STYLE} formatter={(value) => `${String(value)}%`} />
          <Legend wrapperStyle={{ color: "var(--fg)" }} />
          <ReferenceLine
            y={100}
            ifOverflow="extendDomain"
            stroke="var(--fg)"
            strokeDasharray="4 3"
            label={{
              value: "100% (full)",
              fill: "var(--fg)",
              fontSize: 12,
              position: "insideTopLeft",
            }}
          />
          {RESOURCES.map((r, index) => (
            <Line
              key={r}
              type="monotone"
              dataKey={r}
              name={RESOURCE_NAMES[r]}
              stroke={SERIES[index]}
              strokeDasharray={DASHES[r]}
              strokeWidth={2}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
