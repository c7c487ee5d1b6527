// Drift per feature and window as a heatmap table: the shade is the drift strength
// (Jensen–Shannon distance), ▲ marks a window where the feature's test crossed its
// threshold; each cell names the test's number. Being a table, it is its own text form.
import { formatStat, heatmap, isPValueTest, windowLabel } from "./shape";
import type { DriftReport, FeatureDrift } from "./types";

const SHORT: Readonly<Record<string, string>> = { wasserstein: "W", js: "JS", psi: "PSI" };

function cellText(result: FeatureDrift): string {
  if (result.skipped) return "skipped";
  if (isPValueTest(result)) return `p ${formatStat(result.adjusted_p_value ?? result.p_value)}`;
  const method = result.method ?? "d";
  return `${SHORT[method] ?? method} ${formatStat(result.statistic)}`;
}

function cellTitle(result: FeatureDrift): string {
  if (result.skipped) return `not tested: ${result.skipped}`;
  const rule = isPValueTest(result)
    ? `drift when the adjusted p-value ≤ ${formatStat(result.threshold)}`
    : `drift when the ${result.method} distance ≥ ${formatStat(result.threshold)}`;
  return `${result.method}: ${rule}; strength ${formatStat(result.strength)}; ${result.n_current} current vs ${result.n_reference} reference values`;
}

export interface DriftHeatmapProps {
  report: DriftReport;
  selected: string;
  onSelect: (feature: string) => void;
}

export function DriftHeatmap({ report, selected, onSelect }: DriftHeatmapProps) {
  const rows = heatmap(report);
  const windows = report.windows;
  if (rows.length === 0)
    return <p>No window of {report.window} has current events to compare yet.</p>;
  return (
    <div className="heatmap-scroll" role="region" aria-label="Drift heatmap" tabIndex={0}>
      <table className="heatmap">
        <caption>
          Drift of each feature per {report.window} window against the reference (UTC). Shade: drift
          strength; ▲: drifted. p: adjusted p-value (drift when small); otherwise the test’s
          distance (drift when large).
        </caption>
        <thead>
          <tr>
            <th scope="col">Feature</th>
            {windows.map((w) => (
              <th key={w.start} scope="col" className="heat-window">
                {windowLabel(w.start)}
                <span className="muted heat-events">
                  {w.events} ev
                  {w.drift_share === null ? "" : `, ${Math.round(w.drift_share * 100)}%`}
                </span>
              </th>
            ))}
            <th scope="col">Drifted in</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.feature}
              className={row.feature === selected ? "heat-selected" : undefined}
            >
              <th scope="row">
                <button
                  type="button"
                  className="link-button"
                  aria-pressed={row.feature === selected}
                  onClick={() => onSelect(row.feature)}
                >
                  {row.feature}
                </button>
              </th>
              {row.cells.map((cell) => (
                <td
                  key={cell.window}
                  className={`heat heat-${cell.level}${cell.result?.drifted ? " heat-drifted" : ""}`}
                  title={cell.result ? cellTitle(cell.result) : "no events in this window"}
                >
                  {cell.result ? (
                    <>
                      {cell.result.drifted && <span aria-label="drifted">▲ </span>}
                      {cellText(cell.result)}
                    </>
                  ) : (
                    <span className="muted">no data</span>
                  )}
                </td>
              ))}
              <td>
                {row.drifted} of {row.cells.filter((c) => c.result).length}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
