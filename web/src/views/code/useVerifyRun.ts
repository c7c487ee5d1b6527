// Follows one verification run: a GET for its state, then its Server-Sent Events until
// it finishes (the browser reconnects on a dropped stream; events carry revisions).
import { useCallback, useEffect, useReducer } from "react";

import { api } from "../../api/client";
import { EMPTY_VIEW, isFinished, reduceRun } from "./verify";
import type { RunView, VerifyRun } from "./verify";

export function useVerifyRun(runId: number | null): {
  view: RunView;
  adopt: (run: VerifyRun) => void;
} {
  const [view, dispatch] = useReducer(reduceRun, EMPTY_VIEW);
  const adopt = useCallback(
    (run: VerifyRun) => dispatch({ type: "snapshot", run, at: Date.now() }),
    [],
  );
  const finished = view.run !== null && view.run.id === runId && isFinished(view.run.status);

  useEffect(() => {
    if (runId === null || finished) return;
    const controller = new AbortController();
    api<VerifyRun>(`/verify-runs/${runId}`, { signal: controller.signal })
      .then((run) => dispatch({ type: "snapshot", run, at: Date.now() }))
      .catch(() => undefined);
    const source = new EventSource(`/api/verify-runs/${runId}/events`);
    const onEvent = (type: "progress" | "done") => (event: MessageEvent<string>) => {
      const run = JSON.parse(event.data) as VerifyRun;
      const revision = Number(event.lastEventId || 0);
      dispatch({ type, run, revision, at: Date.now() });
      if (type === "done" || isFinished(run.status)) source.close();
    };
    source.addEventListener("progress", onEvent("progress"));
    source.addEventListener("done", onEvent("done"));
    source.onopen = () => dispatch({ type: "connection", state: "live" });
    source.onerror = () => {
      const closed = source.readyState === EventSource.CLOSED;
      dispatch({ type: "connection", state: closed ? "closed" : "reconnecting" });
    };
    return () => {
      controller.abort();
      source.close();
    };
  }, [runId, finished]);

  return { view, adopt };
}
