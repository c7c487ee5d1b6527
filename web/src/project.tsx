// The project being viewed: its row, the caller's role, its versions and the chosen one (?v=N).
import { createContext, useContext } from "react";
import type { ReactNode } from "react";

import type { Project, Role } from "./api/types";

export interface VersionSummary {
  number: number;
  message: string;
  created_at: string;
  author_id: number | null;
}

export interface ProjectState {
  project: Project;
  role: Role;
  versions: VersionSummary[];
  /** The version the page shows: ?v=N, else the newest; null for a project with none. */
  version: number | null;
  selectVersion: (number: number) => void;
  /** Reloads the project and its versions (after a save or a fix). */
  refresh: () => void;
}

/** The question asked before unsaved spec edits are discarded (spec page's guard). */
export const DISCARD_PROMPT = "The spec has unsaved changes. Discard them?";

const ProjectContext = createContext<ProjectState | null>(null);

export function ProjectProvider({ value, children }: { value: ProjectState; children: ReactNode }) {
  return <ProjectContext.Provider value={value}>{children}</ProjectContext.Provider>;
}

export function useProject(): ProjectState {
  const state = useContext(ProjectContext);
  if (!state) throw new Error("useProject outside a project page");
  return state;
}
