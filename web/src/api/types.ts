// Shapes of the server's answers shared by several views (docs/server.md).

export type Role = "owner" | "editor" | "viewer";

export interface User {
  id: number;
  email: string;
  name: string;
}

export interface Workspace {
  id: number;
  name: string;
  role: Role;
}

export interface Project {
  id: number;
  workspace_id: number;
  name: string;
  description: string;
  created_at: string;
  latest_version: number | null;
}

/** True when `role` may do what `needed` may (owner > editor > viewer). */
export function allows(role: Role, needed: Role): boolean {
  const rank: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };
  return rank[role] >= rank[needed];
}
