// The generated files as an ARIA tree: arrow keys move, Right/Left open and close
// folders, Enter or Space opens a file; one row at a time is in the tab order.
import { useEffect, useRef } from "react";
import type { KeyboardEvent } from "react";

import { treeKey, visibleRows } from "./tree";
import type { TreeNode } from "./tree";

export interface FileTreeProps {
  nodes: TreeNode[];
  expanded: ReadonlySet<string>;
  onToggle: (path: string, open: boolean) => void;
  selected: string | null;
  onOpen: (path: string) => void;
  focused: string | null;
  onFocus: (path: string) => void;
}

export function FileTree(props: FileTreeProps) {
  const { nodes, expanded, onToggle, selected, onOpen, focused, onFocus } = props;
  const rows = visibleRows(nodes, expanded);
  const current = rows.some((r) => r.node.path === focused)
    ? focused
    : (rows[0]?.node.path ?? null);
  const refs = useRef(new Map<string, HTMLLIElement>());
  const moved = useRef(false);

  useEffect(() => {
    if (!moved.current || current === null) return;
    moved.current = false;
    refs.current.get(current)?.focus();
  }, [current]);

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    if (current === null) return;
    const action = treeKey(rows, current, event.key, expanded);
    if (action.type === "none") return;
    event.preventDefault();
    if (action.type === "focus") {
      moved.current = true;
      onFocus(action.path);
    } else if (action.type === "expand" || action.type === "collapse") {
      onToggle(action.path, action.type === "expand");
    } else {
      onOpen(action.path);
    }
  }

  if (rows.length === 0) return <p className="muted">No files match.</p>;
  return (
    <ul role="tree" aria-label="Generated files" className="file-tree" onKeyDown={onKeyDown}>
      {rows.map((row) => {
        const { node } = row;
        const isDir = node.kind === "dir";
        return (
          <li
            key={node.path}
            ref={(el) => {
              if (el) refs.current.set(node.path, el);
              else refs.current.delete(node.path);
            }}
            role="treeitem"
            aria-level={row.level}
            aria-posinset={row.position}
            aria-setsize={row.siblings}
            aria-expanded={isDir ? expanded.has(node.path) : undefined}
            aria-selected={isDir ? undefined : node.path === selected}
            tabIndex={node.path === current ? 0 : -1}
            className={`tree-row${node.path === selected ? " selected" : ""}`}
            style={{ paddingLeft: `${(row.level - 1) * 1.1 + 0.3}rem` }}
            data-path={node.path}
            onClick={() => {
              onFocus(node.path);
              if (isDir) onToggle(node.path, !expanded.has(node.path));
              else onOpen(node.path);
            }}
          >
            <span aria-hidden="true" className="tree-icon">
              {isDir ? (expanded.has(node.path) ? "▾" : "▸") : "·"}
            </span>
            {node.name}
          </li>
        );
      })}
    </ul>
  );
}
