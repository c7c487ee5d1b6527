// Run `infranest verify` on the generated project and watch it: each step's status,
// counts and duration update live, with the log's tail; a run can be cancelled.
import { useEffect, useState } from "react";

import { api } from "../../api/client";
import { allows } from "../../api/types";
import { ErrorNote } from "../../components/Status";
import { useProject } from "../../project";
import { RunSteps } from "./RunSteps";
import { useVerifyRun } from "./useVerifyRun";
import { STEP_NAMES, isFinished, logTail } from "./verify";
import type { StepName, VerifyRun } from "./verify";

export interface VerifyPanelProps {
  projectId: number;
  version: number;
  target: string;
  onClose: () => void;
}

export function VerifyPanel({ projectId, version, target, onClose }: VerifyPanelProps) {
  const { role } = useProject();
  const [skip, setSkip] = useState<Set<StepName>>(() => new Set(["deploy"]));
  const [runId, setRunId] = useState<number | null>(null);
  const [error, setError] = useState<Error | undefined>();
  const [busy, setBusy] = useState(false);
  const { view, adopt } = useVerifyRun(runId);
  const run = view.run && view.run.id === runId ? view.run : null;
  const running = run !== null && !isFinished(run.status);

  useEffect(() => {
    let live = true;
    api<VerifyRun[]>(`/projects/${projectId}/verify-runs?limit=20`)
      .then((runs) => {
        const latest = runs.find((r) => r.target === target && r.version === version);
        if (live && latest) setRunId((id) => id ?? latest.id);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [projectId, version, target]);

  async function call(action: () => Promise<VerifyRun>) {
    setBusy(true);
    setError(undefined);
    try {
      const out = await action();
      adopt(out);
      setRunId(out.id);
    } catch (reason) {
      setError(reason instanceof Error ? reason : new Error(String(reason)));
    } finally {
      setBusy(false);
    }
  }

  const start = () =>
    call(() =>
      api<VerifyRun>(`/projects/${projectId}/versions/${version}/verify/${target}`, {
        method: "POST",
        body: { skip: [...skip] },
      }),
    );
  const cancel = () =>
    call(() => api<VerifyRun>(`/verify-runs/${runId}/cancel`, { method: "POST" }));

  const editor = allows(role, "editor");
  return (
    <section className="verify-panel card" aria-labelledby="verify-heading">
      <div className="verify-head">
        <h3 id="verify-heading">
          Verify {target}, v{version}
        </h3>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {editor ? (
        <fieldset className="verify-skip" disabled={running || busy}>
          <legend>Skip steps</legend>
          {STEP_NAMES.map((name) => (
            <label key={name} className="check">
              <input
                type="checkbox"
                checked={skip.has(name)}
                onChange={(e) => {
                  const next = new Set(skip);
                  if (e.target.checked) next.add(name);
                  else next.delete(name);
                  setSkip(next);
                }}
              />{" "}
              {name}
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="muted">Editors can start verification runs.</p>
      )}
      <div className="verify-actions">
        {editor && (
          <button
            type="button"
            className="primary"
            onClick={() => void start()}
            disabled={busy || running}
          >
            Start verify
          </button>
        )}
        {editor && running && (
          <button type="button" onClick={() => void cancel()} disabled={busy}>
            Cancel run
          </button>
        )}
      </div>
      <ErrorNote error={error} />
      {run && <RunSteps run={run} receivedAt={view.receivedAt} connection={view.connection} />}
      {run && (
        <details className="verify-log" open={run.status === "failed"}>
          <summary>Log (last lines)</summary>
          <pre aria-label="Verify log" tabIndex={0}>
            {logTail(run.log).join("\n") || "(empty)"}
          </pre>
        </details>
      )}
    </section>
  );
}
