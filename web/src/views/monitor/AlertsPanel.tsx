// The model's alert rules and their firing history; editors can evaluate the rules now.
import { useState } from "react";

import { api } from "../../api/client";
import { allows } from "../../api/types";
import type { Workspace } from "../../api/types";
import { ErrorNote, Loading } from "../../components/Status";
import { useApi } from "../../hooks";
import { formatStat, modelAlerts } from "./shape";
import type { AlertRecord, AlertsConfig, MonitorModel } from "./types";

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export function AlertsPanel({ workspaceId, model }: { workspaceId: string; model: MonitorModel }) {
  const base = `/workspaces/${workspaceId}/monitor/alerts`;
  const config = useApi<AlertsConfig>(base);
  const history = useApi<AlertRecord[]>(`${base}/history?limit=200`);
  const workspace = useApi<Workspace>(`/workspaces/${workspaceId}`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const [note, setNote] = useState("");

  const mine = modelAlerts(
    config.data?.rules ?? [],
    history.data ?? [],
    model.model,
    model.version,
  );
  const reloadHistory = history.reload;

  async function evaluate() {
    setBusy(true);
    setError(undefined);
    try {
      const results = await api<{ rule: string; transition: string | null }[]>(`${base}/evaluate`, {
        method: "POST",
      });
      const changed = results.filter((r) => r.transition).length;
      setNote(`Evaluated ${results.length} rules: ${changed} changed state.`);
      reloadHistory();
    } catch (reason) {
      setError(reason instanceof Error ? reason : new Error(String(reason)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">Alerts</h2>
      <ErrorNote error={config.error ?? history.error ?? error} />
      {(config.loading || history.loading) && !config.data && <Loading what="Loading alerts" />}
      {config.data && mine.rules.length === 0 && <p>No alert rule watches this model.</p>}
      {mine.rules.length > 0 && (
        <table className="alert-rules">
          <caption>Rules for {model.model}</caption>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Condition</th>
              <th scope="col">Window</th>
              <th scope="col">Severity</th>
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody>
            {mine.rules.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.id}</th>
                <td>
                  <code>
                    {r.metric} {r.op} {r.threshold}
                  </code>
                  {r.reference === "previous" ? " vs the window before" : ""}
                </td>
                <td>{r.window}</td>
                <td className={`alert-${r.severity}`}>{r.severity}</td>
                <td>{r.description ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {workspace.data && allows(workspace.data.role, "editor") && mine.rules.length > 0 && (
        <p>
          <button type="button" onClick={() => void evaluate()} disabled={busy}>
            {busy ? "Evaluating…" : "Evaluate rules now"}
          </button>{" "}
          <span role="status">{note}</span>
        </p>
      )}
      <h3>Firing history</h3>
      {history.data && mine.history.length === 0 && <p>No alert has fired for this model.</p>}
      {mine.history.length > 0 && (
        <ol className="alert-history">
          {mine.history.map((h, index) => (
            <li key={`${h.rule}-${h.at}-${index}`} className={`alert-${h.status}`}>
              <time dateTime={h.at}>{when(h.at)}</time> · <strong>{h.rule}</strong> {h.status}
              {h.value !== null ? ` at ${formatStat(h.value)}` : ""} ({h.severity})
              {typeof h.detail.summary === "string" && (
                <div className="muted">{h.detail.summary}</div>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
