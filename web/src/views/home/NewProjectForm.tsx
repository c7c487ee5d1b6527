// Create a project: a name, an optional description and optional spec text pasted in (any
// format the server reads). The spec is checked first; its errors are shown at the text box.
import { useState } from "react";
import type { FormEvent } from "react";
import { useNavigate } from "react-router";

import { api, ApiError } from "../../api/client";
import type { ProblemError } from "../../api/client";
import type { Project, Workspace } from "../../api/types";
import { ErrorNote } from "../../components/Status";
import { DiagnosticList } from "../../components/DiagnosticList";

interface CheckOut {
  valid: boolean;
  diagnostics: ProblemError[];
}

export function NewProjectForm({
  workspace,
  onCancel,
}: {
  workspace: Workspace;
  onCancel: () => void;
}) {
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [spec, setSpec] = useState("");
  const [nameError, setNameError] = useState("");
  const [diagnostics, setDiagnostics] = useState<ProblemError[]>([]);
  const [error, setError] = useState<Error | undefined>();
  const [busy, setBusy] = useState(false);
  const prefix = `new-project-${workspace.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setNameError(name.trim() ? "" : "Give the project a name.");
    setDiagnostics([]);
    setError(undefined);
    if (!name.trim()) return;
    setBusy(true);
    try {
      if (spec.trim()) {
        const checked = await api<CheckOut>("/specs/check", {
          method: "POST",
          body: { text: spec },
        });
        if (!checked.valid) {
          setDiagnostics(checked.diagnostics.filter((d) => d.level !== "warning"));
          return;
        }
      }
      const project = await api<Project>(`/workspaces/${workspace.id}/projects`, {
        method: "POST",
        body: { name: name.trim(), description },
      });
      if (spec.trim()) {
        await api(`/projects/${project.id}/versions`, {
          method: "POST",
          body: { text: spec, message: "initial spec" },
        });
      }
      navigate(`/projects/${project.id}/spec`);
    } catch (reason) {
      if (reason instanceof ApiError && reason.errors.some((e) => e.line)) {
        setDiagnostics(reason.errors);
      } else setError(reason instanceof Error ? reason : new Error(String(reason)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack new-project" onSubmit={(e) => void submit(e)} noValidate>
      <h3>New project in {workspace.name}</h3>
      <label htmlFor={`${prefix}-name`}>Project name</label>
      <input
        id={`${prefix}-name`}
        value={name}
        onChange={(e) => setName(e.target.value)}
        aria-invalid={Boolean(nameError)}
        aria-describedby={nameError ? `${prefix}-name-error` : undefined}
      />
      {nameError && (
        <p id={`${prefix}-name-error`} className="field-error">
          {nameError}
        </p>
      )}
      <label htmlFor={`${prefix}-description`}>Description (optional)</label>
      <input
        id={`${prefix}-description`}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <label htmlFor={`${prefix}-spec`}>
        Spec text (optional: .nest, JSON/YAML, OpenAPI, JDL or SQL)
      </label>
      <textarea
        id={`${prefix}-spec`}
        className="mono"
        rows={8}
        value={spec}
        onChange={(e) => setSpec(e.target.value)}
        aria-invalid={diagnostics.length > 0}
        aria-describedby={diagnostics.length > 0 ? `${prefix}-spec-errors` : undefined}
      />
      <DiagnosticList id={`${prefix}-spec-errors`} items={diagnostics} />
      <ErrorNote error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          Create project
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
