import { describe, expect, it } from "vitest";

import {
  addEntity,
  addField,
  addRelation,
  backReference,
  relationName,
  removeEntity,
  removeField,
  updateField,
} from "./edits";
import { parseFieldLine } from "./fieldLine";
import { lines, locateBlocks } from "./locate";

const SHOP = `# The shop's backend.
project shop {
  auth jwt
  database postgresql
}

enum Status { open, closed }  # how an order stands

entity Order "A customer's order" {
  # who placed it
  customer: User owner on_delete(cascade)
  status: Status = open  # starts open
  total: decimal(10,2) min(0)
  search status
  allow read: owner
}

entity Tag { name: string(40) unique }
`;

/** The shape a re-read of the text finds: entity → field → type and modifiers. */
function shape(text: string): Record<string, Record<string, string>> {
  const all = lines(text);
  const out: Record<string, Record<string, string>> = {};
  for (const block of locateBlocks(text).filter((b) => b.kind === "entity")) {
    const fields: Record<string, string> = {};
    for (const field of block.fields) {
      const line = all[field.line] ?? "";
      const inner = block.header === block.close ? line.replace(/^[^{]*\{|\}\s*$/g, "") : line;
      const parts = parseFieldLine(inner);
      if (parts) fields[parts.name] = [parts.type, ...parts.modifiers].join(" ");
    }
    out[block.name] = fields;
  }
  return out;
}

/** Every line of `before` that is not about `field` is still in `after`, in order. */
function keepsOtherLines(before: string, after: string, touched: RegExp): void {
  const kept = lines(before).filter((l) => !touched.test(l));
  const remaining = lines(after);
  let at = 0;
  for (const line of kept) {
    const found = remaining.indexOf(line, at);
    expect(found, `line kept: ${line}`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
}

describe("addField", () => {
  it("inserts the field after the entity's last field, keeping everything else", () => {
    const out = addField(SHOP, "Order", { name: "note", type: "text", optional: true });
    expect(out).toContain("  total: decimal(10,2) min(0)\n  note: text optional\n  search status");
    expect(shape(out).Order).toEqual({
      customer: "User owner on_delete(cascade)",
      status: "Status = open",
      total: "decimal(10,2) min(0)",
      note: "text optional",
    });
    keepsOtherLines(SHOP, out, /^$/);
    expect(out).toContain("# who placed it");
    expect(out).toContain("status: Status = open  # starts open");
  });

  it("expands a one-line block before adding to it", () => {
    const out = addField(SHOP, "Tag", { name: "slug", type: "string(40)", unique: true });
    expect(out).toContain("entity Tag {\n  name: string(40) unique\n  slug: string(40) unique\n}");
    expect(shape(out).Tag).toEqual({ name: "string(40) unique", slug: "string(40) unique" });
  });

  it("accepts enums, entities and the built-in User as types", () => {
    let out = addField(SHOP, "Tag", { name: "state", type: "Status" });
    out = addField(out, "Tag", { name: "order", type: "Order" });
    out = addField(out, "Tag", { name: "creator", type: "User" });
    expect(shape(out).Tag).toMatchObject({ state: "Status", order: "Order", creator: "User" });
  });

  it("refuses a bad name, a taken name and an unknown type with a clear message", () => {
    expect(() => addField(SHOP, "Order", { name: "Note", type: "text" })).toThrow(
      /'Note' is not a valid field name: use snake_case/,
    );
    expect(() => addField(SHOP, "Order", { name: "total", type: "int" })).toThrow(
      /Order already has a field 'total'/,
    );
    expect(() => addField(SHOP, "Order", { name: "qty", type: "flaot" })).toThrow(
      /unknown type 'flaot': did you mean 'float'\? valid types are string, text/,
    );
    expect(() => addField(SHOP, "Order", { name: "qty", type: "int(4)" })).toThrow(
      /unknown type 'int\(4\)'/,
    );
    expect(() => addField(SHOP, "Nope", { name: "qty", type: "int" })).toThrow(/no entity 'Nope'/);
  });
});

describe("updateField", () => {
  it("renames a field and keeps its modifiers and comment", () => {
    const out = updateField(SHOP, "Order", "status", { name: "state" });
    expect(out).toContain("  state: Status = open  # starts open\n");
    expect(Object.keys(shape(out).Order ?? {})).toEqual(["customer", "state", "total"]);
    expect(out).toContain("  search state\n");
    keepsOtherLines(SHOP, out, /status: Status|search status/);
  });

  it("renames the field in the entity's search, filter, sort, index and unique lists", () => {
    const text = SHOP.replace(
      "  search status\n",
      "  search status  # status too\n  unique (status, total)\n",
    );
    const out = updateField(text, "Order", "status", { name: "state" });
    expect(out).toContain("  search state  # status too\n  unique (state, total)\n");
    expect(out).toContain("enum Status { open, closed }");
  });

  it("changes the type and the flags", () => {
    let out = updateField(SHOP, "Order", "total", { type: "float", optional: true, unique: true });
    expect(out).toContain("  total: float optional unique min(0)\n");
    out = updateField(out, "Order", "total", { optional: false });
    expect(shape(out).Order?.total).toBe("float unique min(0)");
  });

  it("works on a one-line block", () => {
    const out = updateField(SHOP, "Tag", "name", { unique: false, type: "string(80)" });
    expect(shape(out).Tag).toEqual({ name: "string(80)" });
  });

  it("refuses a rename onto another field and an unknown field", () => {
    expect(() => updateField(SHOP, "Order", "status", { name: "total" })).toThrow(
      /already has a field 'total'/,
    );
    expect(() => updateField(SHOP, "Order", "nope", { optional: true })).toThrow(
      /Order has no field 'nope'/,
    );
    expect(() => updateField(SHOP, "Order", "total", { type: "moeny" })).toThrow(/unknown type/);
  });
});

describe("removeField", () => {
  it("removes only that line", () => {
    const out = removeField(SHOP, "Order", "total");
    expect(out).not.toContain("total:");
    expect(lines(out)).toHaveLength(lines(SHOP).length - 1);
    keepsOtherLines(SHOP, out, /total: decimal/);
  });

  it("empties a one-line block", () => {
    const out = removeField(SHOP, "Tag", "name");
    expect(out).toContain("entity Tag {\n}\n");
    expect(shape(out).Tag).toEqual({});
  });
});

describe("addEntity and removeEntity", () => {
  it("appends a block with its fields and can refer to itself", () => {
    const out = addEntity(SHOP, "Category", [
      { name: "name", type: "string(80)" },
      { name: "parent", type: "Category", optional: true },
    ]);
    expect(out.endsWith("entity Category {\n  name: string(80)\n  parent: Category optional\n}\n"));
    expect(out.startsWith(SHOP.trimEnd() + "\n\nentity Category {")).toBe(true);
    expect(shape(out).Category).toEqual({ name: "string(80)", parent: "Category optional" });
  });

  it("starts a text that is empty", () => {
    expect(addEntity("", "Note")).toBe("entity Note {\n}\n");
  });

  it("refuses bad and taken names", () => {
    expect(() => addEntity(SHOP, "order_line")).toThrow(/not a valid entity name: use PascalCase/);
    expect(() => addEntity(SHOP, "Status")).toThrow(/named 'Status' already exists/);
    expect(() => addEntity(SHOP, "Text")).toThrow(/is the name of a type/);
    expect(() => addEntity(SHOP, "Note", [{ name: "body", type: "txt" }])).toThrow(
      /did you mean 'text'/,
    );
  });

  it("removes a block and the blank line after it", () => {
    const out = removeEntity(SHOP, "Order");
    expect(shape(out)).toEqual({ Tag: { name: "string(40) unique" } });
    expect(out).toContain("enum Status { open, closed }  # how an order stands\n\nentity Tag");
  });
});

describe("addRelation", () => {
  it("writes each cardinality in its DSL form", () => {
    const base = addEntity(SHOP, "Profile", [{ name: "bio", type: "text" }]);
    let out = addRelation(base, {
      from: "Order",
      name: "tags",
      to: "Tag",
      cardinality: "many_to_many",
    });
    out = addRelation(out, {
      from: "Order",
      name: "profile",
      to: "Profile",
      cardinality: "one_to_one",
    });
    out = addRelation(out, {
      from: "Tag",
      name: "order",
      to: "Order",
      cardinality: "many_to_one",
      optional: true,
    });
    expect(shape(out).Order).toMatchObject({ tags: "[Tag]", profile: "one Profile" });
    expect(shape(out).Tag).toMatchObject({ order: "Order optional" });
  });

  it("adds the field pointing back for a one-to-many that has none", () => {
    const out = addRelation(SHOP, {
      from: "Order",
      name: "tags",
      to: "Tag",
      cardinality: "one_to_many",
    });
    expect(shape(out).Order?.tags).toBe("[Tag] via order");
    expect(shape(out).Tag).toEqual({ name: "string(40) unique", order: "Order" });
  });

  it("reuses an existing field pointing back", () => {
    const withBack = addField(SHOP, "Tag", { name: "placed_in", type: "Order" });
    expect(backReference(withBack, "Tag", "Order")).toBe("placed_in");
    const out = addRelation(withBack, {
      from: "Order",
      name: "tags",
      to: "Tag",
      cardinality: "one_to_many",
    });
    expect(shape(out).Order?.tags).toBe("[Tag] via placed_in");
    expect(Object.keys(shape(out).Tag ?? {})).toEqual(["name", "placed_in"]);
  });

  it("refuses unknown entities and taken names", () => {
    expect(() =>
      addRelation(SHOP, { from: "Order", name: "x", to: "Ghost", cardinality: "many_to_one" }),
    ).toThrow(/no entity 'Ghost'/);
    expect(() =>
      addRelation(SHOP, { from: "Order", name: "total", to: "Tag", cardinality: "many_to_one" }),
    ).toThrow(/already has a field 'total'/);
    expect(() =>
      addRelation(SHOP, { from: "Order", name: "users", to: "User", cardinality: "one_to_many" }),
    ).toThrow(/built-in User/);
  });

  it("names relations after their target", () => {
    expect(relationName("OrderItem", "many_to_one")).toBe("order_item");
    expect(relationName("Category", "many_to_many")).toBe("categories");
    expect(relationName("Box", "one_to_many")).toBe("boxes");
  });
});
