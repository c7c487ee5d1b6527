import { describe, expect, it } from "vitest";

import { allDirs, ancestors, buildTree, pruneTree, treeKey, visibleRows } from "./tree";

const FILES = [
  { path: "app/main.py", size: 10 },
  { path: "README.md", size: 5 },
  { path: "app/models/note.py", size: 7 },
  { path: "app/models/__init__.py", size: 1 },
  { path: ".env.example", size: 2 },
];

describe("buildTree", () => {
  it("nests paths, folders first then by name, with folder sizes", () => {
    const tree = buildTree(FILES);
    expect(tree.map((n) => n.name)).toEqual(["app", ".env.example", "README.md"]);
    const app = tree[0]!;
    expect(app.size).toBe(18);
    expect(app.children.map((n) => n.path)).toEqual(["app/models", "app/main.py"]);
    expect(app.children[0]!.children.map((n) => n.name)).toEqual(["__init__.py", "note.py"]);
  });

  it("lists every folder and prunes to the kept files", () => {
    const tree = buildTree(FILES);
    expect(allDirs(tree)).toEqual(["app", "app/models"]);
    const pruned = pruneTree(tree, new Set(["app/models/note.py"]));
    expect(pruned).toHaveLength(1);
    expect(pruned[0]!.children[0]!.children.map((n) => n.path)).toEqual(["app/models/note.py"]);
  });

  it("names a file's folders", () => {
    expect(ancestors("a/b/c.py")).toEqual(["a", "a/b"]);
    expect(ancestors("c.py")).toEqual([]);
  });
});

describe("visibleRows and treeKey", () => {
  const tree = buildTree(FILES);

  it("shows only expanded folders' children, with level and position", () => {
    const rows = visibleRows(tree, new Set(["app"]));
    expect(rows.map((r) => r.node.path)).toEqual([
      "app",
      "app/models",
      "app/main.py",
      ".env.example",
      "README.md",
    ]);
    const main = rows[2]!;
    expect([main.level, main.position, main.siblings, main.parent]).toEqual([2, 2, 2, "app"]);
  });

  it("moves, expands, collapses and opens like the ARIA tree pattern", () => {
    const expanded = new Set(["app"]);
    const rows = visibleRows(tree, expanded);
    expect(treeKey(rows, "app", "ArrowDown", expanded)).toEqual({
      type: "focus",
      path: "app/models",
    });
    expect(treeKey(rows, "app/models", "ArrowRight", expanded)).toEqual({
      type: "expand",
      path: "app/models",
    });
    expect(treeKey(rows, "app", "ArrowRight", expanded)).toEqual({
      type: "focus",
      path: "app/models",
    });
    expect(treeKey(rows, "app", "ArrowLeft", expanded)).toEqual({ type: "collapse", path: "app" });
    expect(treeKey(rows, "app/main.py", "ArrowLeft", expanded)).toEqual({
      type: "focus",
      path: "app",
    });
    expect(treeKey(rows, "app/main.py", "Enter", expanded)).toEqual({
      type: "open",
      path: "app/main.py",
    });
    expect(treeKey(rows, "app", "End", expanded)).toEqual({ type: "focus", path: "README.md" });
    expect(treeKey(rows, "README.md", "ArrowDown", expanded)).toEqual({ type: "none" });
  });
});
