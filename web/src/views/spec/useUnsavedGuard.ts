// Unsaved spec edits: every navigation that would discard them (a tab, the version picker,
// a link elsewhere, the browser's Back and Forward) asks first, and so do closing and
// reloading the browser tab.
import { useCallback, useEffect, useRef } from "react";
import { useBlocker } from "react-router";
import type { Location } from "react-router";

import { DISCARD_PROMPT } from "../../project";

/** Whether going from ``current`` to ``next`` leaves the text shown (another page or
 * another version: the path or the query changes). */
export function leavesText(current: Location, next: Location): boolean {
  return current.pathname !== next.pathname || current.search !== next.search;
}

/** Guards ``dirty`` edits; returns ``release``, to call when they have just been saved and a
 * navigation follows before the page renders again. */
export function useUnsavedGuard(dirty: boolean): () => void {
  const unsaved = useRef(dirty);
  useEffect(() => {
    unsaved.current = dirty;
  }, [dirty]);
  const release = useCallback(() => {
    unsaved.current = false;
  }, []);

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      unsaved.current && leavesText(currentLocation, nextLocation),
  );
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm(DISCARD_PROMPT)) {
      unsaved.current = false;
      blocker.proceed();
    } else {
      blocker.reset();
    }
  }, [blocker]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  return release;
}
