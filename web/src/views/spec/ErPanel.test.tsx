// The ER panel's forms rewrite the spec text through the edit functions (behaviour test:
// real forms, real edits, the text they produce).
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";

import { ErEditError } from "../../lib/er/names";
import type { GraphField, SpecGraph } from "../../lib/er/types";
import type { Edit } from "./edit";
import { ErPanel } from "./ErPanel";

const TEXT = `project shop {
  auth jwt
}

entity Order {
  total: decimal(10,2) min(0)  # in euros
}

entity Tag {
  name: string(40)
}
`;

function field(name: string, written: string, line: number): GraphField {
  return {
    name,
    type: written.startsWith("decimal") ? "decimal" : "string",
    written,
    enum: null,
    target: null,
    cardinality: null,
    via: null,
    optional: false,
    unique: false,
    line,
  };
}

const GRAPH: SpecGraph = {
  readable: true,
  valid: true,
  diagnostics: [],
  enums: [],
  entities: [
    {
      name: "Order",
      doc: null,
      line: 5,
      end_line: 7,
      builtin: false,
      fields: [field("total", "decimal(10,2)", 6)],
    },
    {
      name: "Tag",
      doc: null,
      line: 9,
      end_line: 11,
      builtin: false,
      fields: [field("name", "string(40)", 10)],
    },
  ],
};

function Harness({ editable = true }: { editable?: boolean }) {
  const [text, setText] = useState(TEXT);
  const [selected, setSelected] = useState<string | null>("Order");
  const apply = (edit: Edit): string | null => {
    try {
      setText(edit(text));
      return null;
    } catch (reason) {
      if (reason instanceof ErEditError) return reason.message;
      throw reason;
    }
  };
  return (
    <>
      <ErPanel
        graph={GRAPH}
        selected={selected}
        onSelect={setSelected}
        editable={editable}
        apply={apply}
        relationDraft={null}
      />
      <pre data-testid="text">{text}</pre>
    </>
  );
}

const text = () => screen.getByTestId("text").textContent ?? "";

describe("ErPanel", () => {
  afterEach(cleanup);

  it("adds a field from the form to the selected entity", () => {
    render(<Harness />);
    fireEvent.change(screen.getByLabelText("Field name"), { target: { value: "paid_at" } });
    fireEvent.change(screen.getByLabelText("Type"), { target: { value: "datetime" } });
    fireEvent.click(screen.getAllByRole("checkbox", { name: "optional" })[0] as HTMLElement);
    fireEvent.click(screen.getByRole("button", { name: "Add field" }));
    expect(text()).toContain(
      "  total: decimal(10,2) min(0)  # in euros\n  paid_at: datetime optional\n}",
    );
  });

  it("shows why an edit is refused and leaves the text alone", () => {
    render(<Harness />);
    fireEvent.change(screen.getByLabelText("Field name"), { target: { value: "PaidAt" } });
    fireEvent.click(screen.getByRole("button", { name: "Add field" }));
    expect(screen.getByRole("alert").textContent).toMatch(/'PaidAt' is not a valid field name/);
    expect(text()).toBe(TEXT);
  });

  it("changes a field in a form that takes the focus", () => {
    render(<Harness />);
    fireEvent.click(screen.getByRole("button", { name: "Change total" }));
    const name = screen.getByLabelText("Field name");
    expect(document.activeElement).toBe(name);
    fireEvent.change(name, { target: { value: "amount" } });
    fireEvent.click(screen.getByRole("button", { name: "Apply" }));
    expect(text()).toContain("  amount: decimal(10,2) min(0)  # in euros\n");
  });

  it("removes a field", () => {
    render(<Harness />);
    fireEvent.click(screen.getByRole("button", { name: "Remove total" }));
    expect(text()).toContain("entity Order {\n}\n");
  });

  it("selects another entity from the list and adds a relation and an entity", () => {
    render(<Harness />);
    fireEvent.change(screen.getByLabelText("Entity"), { target: { value: "Tag" } });
    expect(screen.getByRole("heading", { name: "Tag" })).toBeTruthy();
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "Order" } });
    fireEvent.change(screen.getByLabelText("to"), { target: { value: "Tag" } });
    fireEvent.change(screen.getByLabelText("Cardinality"), { target: { value: "many_to_many" } });
    fireEvent.click(screen.getByRole("button", { name: "Add relation" }));
    expect(text()).toContain("  tags: [Tag]\n}");
    fireEvent.change(screen.getByLabelText("Entity name (PascalCase)"), {
      target: { value: "Coupon" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Add entity" }));
    expect(text().endsWith("entity Coupon {\n  name: string(200)\n}\n")).toBe(true);
  });

  it("offers no edits to a viewer", () => {
    render(<Harness editable={false} />);
    expect(screen.queryByRole("button", { name: "Add field" })).toBeNull();
    expect(screen.queryByRole("button", { name: /Remove/ })).toBeNull();
    expect(screen.getByRole("cell", { name: "total" })).toBeTruthy();
  });
});
