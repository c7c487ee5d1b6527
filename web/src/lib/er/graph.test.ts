import { describe, expect, it } from "vitest";

import { facingSides, graphEdges, graphFromModel, gridPosition } from "./graph";
import type { GraphEntity, GraphField, SpecGraph } from "./types";

function field(name: string, extra: Partial<GraphField> = {}): GraphField {
  return {
    name,
    type: "string",
    written: "string",
    enum: null,
    target: null,
    cardinality: null,
    via: null,
    optional: false,
    unique: false,
    line: null,
    ...extra,
  };
}

function relation(
  name: string,
  target: string,
  cardinality: GraphField["cardinality"],
  via: string | null = null,
) {
  return field(name, { type: "relation", target, cardinality, via, written: target });
}

function entity(name: string, fields: GraphField[], builtin = false): GraphEntity {
  return { name, doc: null, line: null, end_line: null, builtin, fields };
}

const GRAPH: SpecGraph = {
  readable: true,
  valid: true,
  diagnostics: [],
  enums: [],
  entities: [
    entity("Order", [
      relation("customer", "User", "many_to_one"),
      relation("items", "OrderItem", "one_to_many", "order"),
      relation("tags", "Tag", "many_to_many", "orders"),
      relation("invoice", "Invoice", "one_to_one"),
    ]),
    entity("OrderItem", [relation("order", "Order", "many_to_one"), field("qty")]),
    entity("Tag", [relation("orders", "Order", "many_to_many", "tags")]),
    entity("Invoice", [relation("order", "Order", "one_to_one", "invoice")]),
    entity("User", [field("email")], true),
  ],
};

describe("graphEdges", () => {
  it("draws one edge per relation, from the side that holds the key", () => {
    const edges = graphEdges(GRAPH);
    expect(edges.map((e) => [e.id, e.source, e.target, e.label])).toEqual([
      ["Order.customer", "Order", "User", "customer (N:1)"],
      ["Order.tags", "Order", "Tag", "tags / orders (N:M)"],
      ["Order.invoice", "Order", "Invoice", "invoice / order (1:1)"],
      ["OrderItem.order", "OrderItem", "Order", "order / items (N:1)"],
    ]);
  });

  it("skips relations to entities that are not in the graph", () => {
    const graph: SpecGraph = {
      ...GRAPH,
      entities: [entity("Note", [relation("author", "Ghost", "many_to_one")])],
    };
    expect(graphEdges(graph)).toEqual([]);
  });
});

describe("facingSides", () => {
  it("joins the sides that face each other", () => {
    expect(facingSides({ x: 0, y: 0 }, { x: 300, y: 20 })).toEqual(["right", "left"]);
    expect(facingSides({ x: 300, y: 0 }, { x: 0, y: 50 })).toEqual(["left", "right"]);
    expect(facingSides({ x: 0, y: 0 }, { x: 20, y: 300 })).toEqual(["bottom", "top"]);
    expect(facingSides({ x: 0, y: 300 }, { x: 20, y: 0 })).toEqual(["top", "bottom"]);
    expect(facingSides({ x: 5, y: 5 }, { x: 5, y: 5 })).toEqual(["right", "top"]);
  });
});

describe("graphFromModel", () => {
  it("places remembered entities where they were and the rest on a grid", () => {
    const { nodes, edges } = graphFromModel(GRAPH, { Tag: { x: 900, y: 40 } });
    expect(nodes.map((n) => n.id)).toEqual(["Order", "OrderItem", "Tag", "Invoice", "User"]);
    expect(nodes[2]?.position).toEqual({ x: 900, y: 40 });
    expect(nodes[1]?.position).toEqual(gridPosition(1, 5));
    expect(nodes[0]?.data.entity.name).toBe("Order");
    expect(nodes[4]?.ariaLabel).toBe("Entity User, 1 fields");
    expect(edges).toHaveLength(4);
    const tags = edges.find((e) => e.id === "Order.tags");
    expect([tags?.sourceHandle, tags?.targetHandle]).toEqual(["right", "left"]);
    const invoice = edges.find((e) => e.id === "Order.invoice");
    expect([invoice?.sourceHandle, invoice?.targetHandle]).toEqual(["bottom", "top"]);
  });

  it("lays a grid of about square shape", () => {
    expect([0, 1, 2, 3].map((i) => gridPosition(i, 4))).toEqual([
      { x: 0, y: 0 },
      { x: 280, y: 0 },
      { x: 0, y: 260 },
      { x: 280, y: 260 },
    ]);
  });
});
