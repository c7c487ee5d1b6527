// The generated file tree: built from flat paths, and the rows a tree view shows.

export interface FileEntry {
  path: string;
  size: number;
}

export interface TreeNode {
  name: string;
  /** Full path: a file's path, or a folder's path without a trailing slash. */
  path: string;
  kind: "dir" | "file";
  size: number;
  children: TreeNode[];
}

interface MutableDir {
  node: TreeNode;
  dirs: Map<string, MutableDir>;
}

function sortNodes(nodes: TreeNode[]): TreeNode[] {
  nodes.sort((a, b) =>
    a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === "dir" ? -1 : 1,
  );
  for (const node of nodes) sortNodes(node.children);
  return nodes;
}

/** Nested folders and files from flat paths ("a/b/c.py"); folders first, then by name. A
 * folder's size is the sum of its files'. */
export function buildTree(files: readonly FileEntry[]): TreeNode[] {
  const root: MutableDir = {
    node: { name: "", path: "", kind: "dir", size: 0, children: [] },
    dirs: new Map(),
  };
  for (const file of files) {
    const parts = file.path.split("/").filter((part) => part !== "");
    let dir = root;
    dir.node.size += file.size;
    parts.slice(0, -1).forEach((part, index) => {
      let next = dir.dirs.get(part);
      if (!next) {
        const path = parts.slice(0, index + 1).join("/");
        next = { node: { name: part, path, kind: "dir", size: 0, children: [] }, dirs: new Map() };
        dir.dirs.set(part, next);
        dir.node.children.push(next.node);
      }
      next.node.size += file.size;
      dir = next;
    });
    const name = parts.at(-1) ?? file.path;
    dir.node.children.push({ name, path: file.path, kind: "file", size: file.size, children: [] });
  }
  return sortNodes(root.node.children);
}

/** The folders that contain `path`: "a/b/c.py" → ["a", "a/b"]. */
export function ancestors(path: string): string[] {
  const parts = path.split("/");
  return parts.slice(0, -1).map((_, index) => parts.slice(0, index + 1).join("/"));
}

/** The tree with only the files in `keep` and the folders that lead to them. */
export function pruneTree(nodes: readonly TreeNode[], keep: ReadonlySet<string>): TreeNode[] {
  const out: TreeNode[] = [];
  for (const node of nodes) {
    if (node.kind === "file") {
      if (keep.has(node.path)) out.push(node);
      continue;
    }
    const children = pruneTree(node.children, keep);
    if (children.length > 0) out.push({ ...node, children });
  }
  return out;
}

/** Every folder path in the tree (to expand them all). */
export function allDirs(nodes: readonly TreeNode[]): string[] {
  return nodes.flatMap((n) => (n.kind === "dir" ? [n.path, ...allDirs(n.children)] : []));
}

export interface VisibleRow {
  node: TreeNode;
  level: number;
  /** 1-based position among its siblings, and their number (aria-posinset/-setsize). */
  position: number;
  siblings: number;
  parent: string | null;
}

/** The rows a tree view shows: every node whose folders are all expanded, in order. */
export function visibleRows(
  nodes: readonly TreeNode[],
  expanded: ReadonlySet<string>,
  level = 1,
  parent: string | null = null,
): VisibleRow[] {
  return nodes.flatMap((node, index) => {
    const row: VisibleRow = { node, level, position: index + 1, siblings: nodes.length, parent };
    const open = node.kind === "dir" && expanded.has(node.path);
    return open ? [row, ...visibleRows(node.children, expanded, level + 1, node.path)] : [row];
  });
}

/** What a key does in the tree (WAI-ARIA tree pattern), given the focused row. */
export type TreeAction =
  | { type: "focus"; path: string }
  | { type: "expand"; path: string }
  | { type: "collapse"; path: string }
  | { type: "open"; path: string }
  | { type: "none" };

export function treeKey(
  rows: readonly VisibleRow[],
  focused: string,
  key: string,
  expanded: ReadonlySet<string>,
): TreeAction {
  const index = rows.findIndex((row) => row.node.path === focused);
  const row = rows[index];
  if (!row) return rows[0] ? { type: "focus", path: rows[0].node.path } : { type: "none" };
  const isDir = row.node.kind === "dir";
  const open = isDir && expanded.has(row.node.path);
  const focus = (target: VisibleRow | undefined): TreeAction =>
    target ? { type: "focus", path: target.node.path } : { type: "none" };
  switch (key) {
    case "ArrowDown":
      return focus(rows[index + 1]);
    case "ArrowUp":
      return focus(rows[index - 1]);
    case "Home":
      return focus(rows[0]);
    case "End":
      return focus(rows.at(-1));
    case "ArrowRight":
      if (!isDir) return { type: "none" };
      return open ? focus(rows[index + 1]) : { type: "expand", path: row.node.path };
    case "ArrowLeft":
      if (open) return { type: "collapse", path: row.node.path };
      return row.parent === null ? { type: "none" } : { type: "focus", path: row.parent };
    case "Enter":
    case " ":
      if (!isDir) return { type: "open", path: row.node.path };
      return open
        ? { type: "collapse", path: row.node.path }
        : { type: "expand", path: row.node.path };
    default:
      return { type: "none" };
  }
}
