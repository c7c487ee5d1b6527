// The ER graph of the text being edited, from POST /api/specs/graph, re-derived a moment
// after the text stops changing. While the text cannot be read the last readable graph stays.
import { useEffect, useState } from "react";

import { api } from "../../api/client";
import type { SpecGraph } from "../../lib/er/types";

const DELAY_MS = 400;

export interface GraphState {
  /** The newest graph with entities in it (kept while the text is unreadable). */
  graph: SpecGraph | null;
  /** Whether the newest answer was for readable text (false: the graph is stale). */
  readable: boolean;
  error: Error | undefined;
}

export function useSpecGraph(text: string | null): GraphState {
  const [state, setState] = useState<GraphState>({ graph: null, readable: true, error: undefined });

  useEffect(() => {
    if (text === null) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api<SpecGraph>("/specs/graph", {
        method: "POST",
        body: { text },
        signal: controller.signal,
      })
        .then((out) => {
          const readable = out.readable;
          setState((before) => ({
            graph: readable ? out : before.graph,
            readable,
            error: undefined,
          }));
        })
        .catch((reason: unknown) => {
          if (controller.signal.aborted) return;
          const error = reason instanceof Error ? reason : new Error(String(reason));
          setState((before) => ({ ...before, error }));
        });
    }, DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  return state;
}
