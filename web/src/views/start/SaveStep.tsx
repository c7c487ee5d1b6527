// Step 3: save the draft into a project — a new one or an existing one — in a workspace
// where the user may edit.
import { useEffect, useState } from "react";
import type { FormEvent } from "react";

import { allows } from "../../api/types";
import type { Project, Workspace } from "../../api/types";
import { useApi } from "../../hooks";

export interface SaveTarget {
  workspace: number;
  /** An existing project's id, or a new project's name. */
  project: number | { name: string };
}

export function SaveStep({
  initialWorkspace,
  suggestedName,
  busy,
  onSave,
}: {
  initialWorkspace: number | null;
  suggestedName: string;
  busy: boolean;
  onSave: (target: SaveTarget) => void;
}) {
  const workspaces = useApi<Workspace[]>("/workspaces");
  const editable = (workspaces.data ?? []).filter((w) => allows(w.role, "editor"));
  const [workspace, setWorkspace] = useState<number | null>(initialWorkspace);
  const chosen = editable.find((w) => w.id === workspace) ?? editable[0];
  const projects = useApi<Project[]>(chosen ? `/workspaces/${chosen.id}/projects` : null);
  const [mode, setMode] = useState<"new" | "existing">("new");
  const [name, setName] = useState(suggestedName);
  const [existing, setExisting] = useState<number | null>(null);
  const [problem, setProblem] = useState("");

  useEffect(() => setName((current) => current || suggestedName), [suggestedName]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen) return;
    if (mode === "new" && !name.trim()) {
      setProblem("Give the new project a name.");
      return;
    }
    const project = mode === "new" ? { name: name.trim() } : (existing ?? projects.data?.[0]?.id);
    if (project === undefined) {
      setProblem("This workspace has no project yet; create a new one.");
      return;
    }
    setProblem("");
    onSave({ workspace: chosen.id, project });
  }

  if (workspaces.data && editable.length === 0) {
    return (
      <p className="error-note" role="alert">
        You may not edit any workspace. Create a workspace on the Projects page first.
      </p>
    );
  }
  return (
    <form className="stack save-step" onSubmit={submit} noValidate>
      <h2>Save the spec</h2>
      <label htmlFor="save-workspace">Workspace</label>
      <select
        id="save-workspace"
        value={chosen?.id ?? ""}
        onChange={(e) => setWorkspace(Number(e.target.value))}
      >
        {editable.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
      <fieldset>
        <legend>Project</legend>
        <label className="check-label">
          <input
            type="radio"
            name="save-mode"
            checked={mode === "new"}
            onChange={() => setMode("new")}
          />
          A new project
        </label>
        <label className="check-label">
          <input
            type="radio"
            name="save-mode"
            checked={mode === "existing"}
            onChange={() => setMode("existing")}
            disabled={!projects.data || projects.data.length === 0}
          />
          An existing project (as its next version)
        </label>
      </fieldset>
      {mode === "new" ? (
        <>
          <label htmlFor="save-name">New project's name</label>
          <input
            id="save-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={Boolean(problem)}
            aria-describedby={problem ? "save-error" : undefined}
          />
        </>
      ) : (
        <>
          <label htmlFor="save-project">Project</label>
          <select
            id="save-project"
            value={existing ?? projects.data?.[0]?.id ?? ""}
            onChange={(e) => setExisting(Number(e.target.value))}
          >
            {(projects.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </>
      )}
      {problem && (
        <p id="save-error" className="field-error">
          {problem}
        </p>
      )}
      <div>
        <button type="submit" className="primary" disabled={busy || !chosen}>
          Save and open the spec
        </button>
      </div>
    </form>
  );
}
