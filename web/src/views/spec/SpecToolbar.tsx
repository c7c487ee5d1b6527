// Save the text as the project's next version (with a message) and Format it; the server's
// diagnostics of a refused save are listed here, at line:column.
import { useState } from "react";
import type { FormEvent } from "react";

import { api, ApiError } from "../../api/client";
import type { ProblemError } from "../../api/client";
import { DiagnosticList } from "../../components/DiagnosticList";
import { ErrorNote } from "../../components/Status";
import { useProject } from "../../project";

export function SpecToolbar({
  text,
  editable,
  onText,
  onSaved,
}: {
  text: string;
  editable: boolean;
  onText: (text: string) => void;
  /** Called with the new version's number and the text saved, before it is selected. */
  onSaved: (number: number, text: string) => void;
}) {
  const { project, refresh, selectVersion } = useProject();
  const [message, setMessage] = useState("");
  const [problems, setProblems] = useState<ProblemError[]>([]);
  const [error, setError] = useState<Error | undefined>();
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setProblems([]);
    setError(undefined);
    setStatus("");
    try {
      await action();
    } catch (reason) {
      if (reason instanceof ApiError && reason.status === 422 && reason.errors.length > 0) {
        setProblems(reason.errors);
      } else setError(reason instanceof Error ? reason : new Error(String(reason)));
    } finally {
      setBusy(false);
    }
  }

  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const out = await api<{ number: number }>(`/projects/${project.id}/versions`, {
        method: "POST",
        body: { text, message: message.trim() },
      });
      setMessage("");
      onSaved(out.number, text);
      setStatus(`Saved as version ${out.number}.`);
      refresh();
      selectVersion(out.number);
    });
  };

  const format = () =>
    void run(async () => {
      const out = await api<{ text: string }>("/specs/format", { method: "POST", body: { text } });
      onText(out.text);
      setStatus("Formatted.");
    });

  if (!editable) {
    return <p className="muted">You can read this spec; saving needs the editor role.</p>;
  }
  return (
    <div className="spec-toolbar">
      <form className="row" onSubmit={save}>
        <label htmlFor="version-message">Version message</label>
        <input
          id="version-message"
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          placeholder="What changed"
        />
        <button type="submit" className="primary" disabled={busy}>
          Save as new version
        </button>
        <button type="button" onClick={format} disabled={busy}>
          Format
        </button>
        <span className="status-note" role="status">
          {status}
        </span>
      </form>
      <DiagnosticList
        id="save-problems"
        items={problems}
        title="Not saved: the spec has problems"
      />
      <ErrorNote error={error} />
    </div>
  );
}
