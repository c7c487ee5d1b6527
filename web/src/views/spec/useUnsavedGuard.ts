// Unsaved spec edits: reported to the project layout (whose version picker and tabs then ask
// before discarding them) and guarded against closing or reloading the browser tab.
import { useEffect } from "react";

export function useUnsavedGuard(dirty: boolean, report: (unsaved: boolean) => void): void {
  useEffect(() => {
    report(dirty);
  }, [dirty, report]);

  useEffect(() => () => report(false), [report]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);
}
