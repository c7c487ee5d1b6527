// Your workspaces and their projects; create a workspace, open a project or a monitor.
import { useState } from "react";
import type { FormEvent } from "react";

import { api } from "../../api/client";
import type { Workspace } from "../../api/types";
import { useAuth } from "../../auth";
import { ErrorNote, Loading } from "../../components/Status";
import { useApi } from "../../hooks";
import { WorkspaceSection } from "./WorkspaceSection";
import "../../components/forms.css";
import "./home.css";

export function HomePage() {
  const { user } = useAuth();
  const workspaces = useApi<Workspace[]>("/workspaces");

  return (
    <div className="home">
      <h1>Projects</h1>
      <p className="muted">Signed in as {user?.name || user?.email}.</p>
      {workspaces.loading && !workspaces.data && <Loading what="Loading your workspaces" />}
      <ErrorNote error={workspaces.error} />
      {workspaces.data?.length === 0 && (
        <p>You are in no workspace yet. Create one to start a project.</p>
      )}
      {workspaces.data?.map((workspace) => (
        <WorkspaceSection key={workspace.id} workspace={workspace} />
      ))}
      <NewWorkspaceForm onCreated={workspaces.reload} />
    </div>
  );
}

function NewWorkspaceForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState("");
  const [error, setError] = useState<Error | undefined>();
  const [problem, setProblem] = useState("");

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setProblem("Give the workspace a name.");
      return;
    }
    setProblem("");
    try {
      await api<Workspace>("/workspaces", { method: "POST", body: { name: name.trim() } });
      setName("");
      setError(undefined);
      onCreated();
    } catch (reason) {
      setError(reason instanceof Error ? reason : new Error(String(reason)));
    }
  }

  return (
    <section aria-labelledby="new-workspace" className="card new-workspace">
      <h2 id="new-workspace">New workspace</h2>
      <form className="row" onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="workspace-name">Workspace name</label>
        <input
          id="workspace-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={Boolean(problem)}
          aria-describedby={problem ? "workspace-name-error" : undefined}
        />
        <button type="submit">Create workspace</button>
      </form>
      {problem && (
        <p id="workspace-name-error" className="field-error">
          {problem}
        </p>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
