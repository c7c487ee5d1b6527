// What explains the drift in the latest window: features by drift strength, and segments
// by how much of the drift they carry.
import { ErrorNote, Loading } from "../../components/Status";
import { useApi } from "../../hooks";
import { formatStat, percent, windowLabel } from "./shape";
import type { RootCause } from "./types";

export function RootCausePanel(props: { path: string; onSelect: (feature: string) => void }) {
  const found = useApi<RootCause>(props.path);
  const data = found.data;
  const strongest = Math.max(0.0001, ...(data?.features.map((f) => f.strength) ?? []));
  return (
    <section aria-labelledby="rootcause-heading">
      <h2 id="rootcause-heading">Root cause</h2>
      <ErrorNote error={found.error} />
      {found.loading && !data && <Loading what="Ranking causes" />}
      {data && data.features.length === 0 && <p>No current events in the latest window.</p>}
      {data && data.features.length > 0 && (
        <>
          <p className="muted">
            The window from {windowLabel(data.start)} UTC ({data.events} events) against the
            reference. Strength is the Jensen–Shannon distance (0: same, 1: disjoint).
          </p>
          <table className="rank-table">
            <caption>Features ranked by drift strength</caption>
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Feature</th>
                <th scope="col">Strength</th>
                <th scope="col">Drifted</th>
              </tr>
            </thead>
            <tbody>
              {data.features.map((f, index) => (
                <tr key={f.column}>
                  <td>{index + 1}</td>
                  <th scope="row">
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => props.onSelect(f.column)}
                    >
                      {f.column}
                    </button>
                  </th>
                  <td>
                    <span className="rank-bar" aria-hidden="true">
                      <span style={{ width: `${(f.strength / strongest) * 100}%` }} />
                    </span>{" "}
                    {formatStat(f.strength)}
                  </td>
                  <td>{f.drifted ? "yes" : "no"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.segments.length > 0 && (
            <table className="rank-table">
              <caption>Segments ranked by their share of the drift</caption>
              <thead>
                <tr>
                  <th scope="col">Segment</th>
                  <th scope="col">Share of rows: reference → current</th>
                  <th scope="col">Contribution</th>
                  <th scope="col">Its own drift strength</th>
                </tr>
              </thead>
              <tbody>
                {data.segments.map((s) => (
                  <tr key={`${s.column}=${s.value}`}>
                    <th scope="row">
                      {s.column} = {s.value}
                    </th>
                    <td>
                      {percent(s.share_reference)} → {percent(s.share_current)}
                    </td>
                    <td>{formatStat(s.contribution)}</td>
                    <td>{formatStat(s.detail)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
