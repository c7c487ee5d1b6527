// The monitor of a workspace: its models, and one model's dashboard
// (/workspaces/:workspaceId/monitor[/:modelId]?version=&window=&windows=).
import { Link, useParams, useSearchParams } from "react-router";

import { ErrorNote, Loading } from "../../components/Status";
import { useApi } from "../../hooks";
import { ModelDashboard } from "./ModelDashboard";
import type { MonitorModel } from "./types";

import "../../components/charts/charts.css";
import "./monitor.css";

export function MonitorPage() {
  const { workspaceId, modelId } = useParams();
  const [params] = useSearchParams();
  const models = useApi<MonitorModel[]>(`/workspaces/${workspaceId}/monitor/models`);
  const list = models.data ?? [];
  const versions = list.filter((m) => m.model === modelId);
  const wanted = params.get("version");
  const chosen = versions.find((m) => m.version === wanted) ?? versions.at(-1);

  return (
    <div className="monitor-page">
      <h1>Monitor{chosen ? `: ${chosen.model} v${chosen.version}` : ""}</h1>
      <ErrorNote error={models.error} />
      {models.loading && !models.data && <Loading what="Loading the models" />}
      {models.data && list.length === 0 && (
        <p>
          No model is monitored in this workspace yet. Register one and send events to{" "}
          <code>/api/workspaces/{workspaceId}/monitor/v1/</code> with a workspace API key.
        </p>
      )}
      {list.length > 0 && (
        <nav aria-label="Models" className="model-list">
          <ul>
            {list.map((m) => {
              const current = chosen?.model === m.model && chosen.version === m.version;
              return (
                <li key={`${m.model}@${m.version}`}>
                  <Link
                    to={`/workspaces/${workspaceId}/monitor/${encodeURIComponent(m.model)}?version=${encodeURIComponent(m.version)}`}
                    aria-current={current ? "page" : undefined}
                  >
                    {m.model} v{m.version}
                  </Link>{" "}
                  <span className="muted">
                    {m.events.toLocaleString("en")} events,{" "}
                    {m.reference_events.toLocaleString("en")} reference
                  </span>
                </li>
              );
            })}
          </ul>
        </nav>
      )}
      {modelId && models.data && !chosen && (
        <ErrorNote error={new Error(`No model ${modelId} in this workspace.`)} />
      )}
      {chosen && workspaceId && (
        <ModelDashboard
          key={`${chosen.model}@${chosen.version}`}
          workspaceId={workspaceId}
          model={chosen}
        />
      )}
    </div>
  );
}
