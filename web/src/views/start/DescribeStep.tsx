// Step 1: the description of the backend.
import { useState } from "react";
import type { FormEvent } from "react";

export function DescribeStep({
  onStart,
  busy,
}: {
  onStart: (text: string) => void;
  busy: boolean;
}) {
  const [text, setText] = useState("");
  const [problem, setProblem] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) {
      setProblem("Describe the backend in a sentence or more.");
      return;
    }
    setProblem("");
    onStart(text.trim());
  }

  return (
    <form className="stack describe" onSubmit={submit} noValidate>
      <label htmlFor="intake-text">What should the backend do?</label>
      <p id="intake-help" className="muted help">
        For example: “Appointment booking for hair salons: clients book appointments with stylists,
        pay online. FastAPI, PostgreSQL, JWT.” Mention the framework, database and sign-in method if
        you know them, and fewer questions follow.
      </p>
      <textarea
        id="intake-text"
        rows={6}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={Boolean(problem)}
        aria-describedby={problem ? "intake-help intake-text-error" : "intake-help"}
      />
      {problem && (
        <p id="intake-text-error" className="field-error">
          {problem}
        </p>
      )}
      <div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Reading…" : "Draft the spec"}
        </button>
      </div>
    </form>
  );
}
