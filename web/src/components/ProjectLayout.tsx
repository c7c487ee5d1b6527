// A project's pages: title, version picker and the Spec / Design / Code tabs.
import { useCallback, useMemo } from "react";
import { Outlet, useParams, useSearchParams } from "react-router";

import type { Project, Workspace } from "../api/types";
import { useApi } from "../hooks";
import { ProjectProvider } from "../project";
import type { VersionSummary } from "../project";
import { ErrorNote, Loading } from "./Status";
import { TabLinks } from "./Tabs";

export function ProjectLayout() {
  const { projectId } = useParams();
  const [params, setParams] = useSearchParams();
  const project = useApi<Project>(`/projects/${projectId}`);
  const versions = useApi<VersionSummary[]>(`/projects/${projectId}/versions`);
  const workspaces = useApi<Workspace[]>("/workspaces");

  const reloadProject = project.reload;
  const reloadVersions = versions.reload;
  const refresh = useCallback(() => {
    reloadProject();
    reloadVersions();
  }, [reloadProject, reloadVersions]);

  const requested = Number(params.get("v"));
  const list = versions.data ?? [];
  const version = list.some((v) => v.number === requested) ? requested : (list[0]?.number ?? null);
  const selectVersion = useCallback(
    (number: number) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        next.set("v", String(number));
        return next;
      }),
    [setParams],
  );

  const role = workspaces.data?.find((w) => w.id === project.data?.workspace_id)?.role;
  const value = useMemo(
    () =>
      project.data && role
        ? {
            project: project.data,
            role,
            versions: list,
            version,
            selectVersion,
            refresh,
          }
        : null,
    [project.data, role, list, version, selectVersion, refresh],
  );

  const error = project.error ?? versions.error ?? workspaces.error;
  if (error) return <ErrorNote error={error} />;
  if (!value) return <Loading what="Loading the project" />;
  const query = version === null ? "" : `?v=${version}`;
  return (
    <ProjectProvider value={value}>
      <div className="project-head">
        <h1>{value.project.name}</h1>
        {list.length > 0 && (
          <label className="version-picker">
            Version{" "}
            <select
              value={version ?? ""}
              onChange={(event) => selectVersion(Number(event.target.value))}
            >
              {list.map((v) => (
                <option key={v.number} value={v.number}>
                  v{v.number}
                  {v.message ? ` — ${v.message}` : ""}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="role-badge">{value.role}</span>
      </div>
      <TabLinks
        label="Project"
        tabs={[
          { to: `spec${query}`, label: "Spec" },
          { to: `design${query}`, label: "Design" },
          { to: `code${query}`, label: "Code" },
        ]}
      />
      <Outlet />
    </ProjectProvider>
  );
}
