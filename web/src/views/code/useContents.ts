// Loads every generated file's text (for searching contents), a few requests at a time.
import { useEffect, useState } from "react";

import { api } from "../../api/client";

const PARALLEL = 4;

export interface Contents {
  texts: ReadonlyMap<string, string>;
  loaded: number;
  total: number;
  error: Error | undefined;
}

/** The texts of `paths` under `base` (".../generate/{target}"), once `enabled`. */
export function useContents(base: string | null, paths: readonly string[], enabled: boolean) {
  const [state, setState] = useState<Contents>({
    texts: new Map(),
    loaded: 0,
    total: 0,
    error: undefined,
  });
  const key = paths.join("\n");

  useEffect(() => {
    if (!enabled || base === null) return;
    const controller = new AbortController();
    const list = key === "" ? [] : key.split("\n");
    const texts = new Map<string, string>();
    let next = 0;
    setState({ texts, loaded: 0, total: list.length, error: undefined });
    async function worker() {
      while (next < list.length && !controller.signal.aborted) {
        const path = list[next];
        next += 1;
        if (path === undefined) break;
        const query = `?path=${encodeURIComponent(path)}`;
        const file = await api<{ text: string }>(`${base}/file${query}`, {
          signal: controller.signal,
        });
        texts.set(path, file.text);
        setState({
          texts: new Map(texts),
          loaded: texts.size,
          total: list.length,
          error: undefined,
        });
      }
    }
    Promise.all(Array.from({ length: PARALLEL }, worker)).catch((reason: unknown) => {
      if (controller.signal.aborted) return;
      const error = reason instanceof Error ? reason : new Error(String(reason));
      setState((s) => ({ ...s, error }));
    });
    return () => controller.abort();
  }, [base, key, enabled]);

  return state;
}
