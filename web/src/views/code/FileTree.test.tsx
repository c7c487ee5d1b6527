import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";

import { FileTree } from "./FileTree";
import { buildTree } from "./tree";

const NODES = buildTree([
  { path: "app/main.py", size: 1 },
  { path: "app/core/config.py", size: 1 },
  { path: "README.md", size: 1 },
]);

function Harness({ opened }: { opened: string[] }) {
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [focused, setFocused] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <FileTree
      nodes={NODES}
      expanded={expanded}
      onToggle={(path, open) => {
        const next = new Set(expanded);
        if (open) next.add(path);
        else next.delete(path);
        setExpanded(next);
      }}
      selected={selected}
      onOpen={(path) => {
        opened.push(path);
        setSelected(path);
      }}
      focused={focused}
      onFocus={setFocused}
    />
  );
}

describe("FileTree", () => {
  it("is operable with the keyboard alone", () => {
    const opened: string[] = [];
    render(<Harness opened={opened} />);
    const tree = screen.getByRole("tree", { name: "Generated files" });
    const app = screen.getByRole("treeitem", { name: /app/ });
    expect(app.tabIndex).toBe(0);
    expect(app.getAttribute("aria-expanded")).toBe("false");
    app.focus();
    fireEvent.keyDown(tree, { key: "ArrowRight" });
    expect(app.getAttribute("aria-expanded")).toBe("true");
    fireEvent.keyDown(tree, { key: "ArrowDown" });
    expect(document.activeElement?.getAttribute("data-path")).toBe("app/core");
    fireEvent.keyDown(tree, { key: "ArrowDown" });
    expect(document.activeElement?.getAttribute("data-path")).toBe("app/main.py");
    fireEvent.keyDown(tree, { key: "Enter" });
    expect(opened).toEqual(["app/main.py"]);
    expect(document.activeElement?.getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(tree, { key: "ArrowLeft" });
    expect(document.activeElement?.getAttribute("data-path")).toBe("app");
    expect(screen.getAllByRole("treeitem").filter((el) => el.tabIndex === 0)).toHaveLength(1);
  });
});
