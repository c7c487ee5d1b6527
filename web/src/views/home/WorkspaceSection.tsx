// One workspace: its projects (links), the monitor link, and for editors a new-project form.
import { useState } from "react";
import { Link } from "react-router";

import { allows } from "../../api/types";
import type { Project, Workspace } from "../../api/types";
import { ErrorNote, Loading } from "../../components/Status";
import { useApi } from "../../hooks";
import { NewProjectForm } from "./NewProjectForm";

export function WorkspaceSection({ workspace }: { workspace: Workspace }) {
  const projects = useApi<Project[]>(`/workspaces/${workspace.id}/projects`);
  const [adding, setAdding] = useState(false);
  const canEdit = allows(workspace.role, "editor");
  const heading = `workspace-${workspace.id}`;

  return (
    <section className="card workspace" aria-labelledby={heading}>
      <div className="row workspace-head">
        <h2 id={heading}>{workspace.name}</h2>
        <span className="role-badge">{workspace.role}</span>
        <Link to={`/workspaces/${workspace.id}/monitor`}>Monitor</Link>
        {canEdit && (
          <>
            <button type="button" onClick={() => setAdding(!adding)} aria-expanded={adding}>
              New project
            </button>
            <Link to={`/start?workspace=${workspace.id}`}>Describe a backend</Link>
          </>
        )}
      </div>
      {canEdit && adding && (
        <NewProjectForm workspace={workspace} onCancel={() => setAdding(false)} />
      )}
      {projects.loading && !projects.data && <Loading what="Loading projects" />}
      <ErrorNote error={projects.error} />
      {projects.data?.length === 0 && <p className="muted">No projects yet.</p>}
      {projects.data && projects.data.length > 0 && (
        <ul className="project-list">
          {projects.data.map((project) => (
            <li key={project.id}>
              <Link to={`/projects/${project.id}/spec`}>{project.name}</Link>
              <span className="muted">
                {project.latest_version ? ` v${project.latest_version}` : " no spec yet"}
                {project.description ? ` — ${project.description}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
