// The ER graph React Flow draws: one node per entity, one edge per relation (both sides of
// a relation declared on both entities make one edge).
import type { Edge, Node } from "@xyflow/react";

import type { Cardinality, GraphEntity, GraphField, SpecGraph } from "./types";

export interface Point {
  x: number;
  y: number;
}

export type EntityNodeData = { entity: GraphEntity } & Record<string, unknown>;
export type EntityNode = Node<EntityNodeData, "entity">;
export type RelationEdge = Edge<{ fields: string[]; cardinality: Cardinality }>;

export const CARDINALITY_LABELS: Record<Cardinality, string> = {
  many_to_one: "N:1",
  one_to_one: "1:1",
  one_to_many: "1:N",
  many_to_many: "N:M",
};

const COLUMN_WIDTH = 280;
const ROW_HEIGHT = 260;

/** Where an entity without a remembered position goes: a grid in declaration order. */
export function gridPosition(index: number, count: number): Point {
  const columns = Math.max(1, Math.ceil(Math.sqrt(count)));
  return { x: (index % columns) * COLUMN_WIDTH, y: Math.floor(index / columns) * ROW_HEIGHT };
}

/** The field on the target that is the other side of `field`, if the spec declares one. */
export function inverseOf(
  graph: SpecGraph,
  owner: string,
  field: GraphField,
): GraphField | undefined {
  const target = graph.entities.find((e) => e.name === field.target);
  if (!target || field.type !== "relation") return undefined;
  if (field.via) {
    const named = target.fields.find((f) => f.name === field.via);
    if (named?.target === owner) return named;
  }
  return target.fields.find(
    (f) => f.type === "relation" && f.target === owner && f.via === field.name,
  );
}

/** Whether `field` is drawn by its inverse's edge instead (the key-holding side draws). */
function drawnByInverse(graph: SpecGraph, owner: string, field: GraphField): boolean {
  const inverse = inverseOf(graph, owner, field);
  if (!inverse) return false;
  if (field.cardinality === "one_to_many") return true;
  if (field.cardinality === "one_to_one") return field.via !== null;
  if (field.cardinality === "many_to_many") {
    return `${field.target}.${inverse.name}` < `${owner}.${field.name}`;
  }
  return false;
}

export type Side = "top" | "right" | "bottom" | "left";

const NODE_WIDTH = 200;

/** An entity's drawn centre, from its position and its number of fields. */
function centre(at: Point, entity: GraphEntity): Point {
  return { x: at.x + NODE_WIDTH / 2, y: at.y + 20 + 11 * entity.fields.length };
}

/** The sides an edge leaves its source and enters its target by: the facing ones. */
export function facingSides(from: Point, to: Point): [Side, Side] {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  if (dx === 0 && dy === 0) return ["right", "top"];
  if (Math.abs(dx) > Math.abs(dy)) return dx > 0 ? ["right", "left"] : ["left", "right"];
  return dy > 0 ? ["bottom", "top"] : ["top", "bottom"];
}

/** One edge per relation; with `at` (each entity's position) it joins the facing sides. */
export function graphEdges(graph: SpecGraph, at: Record<string, Point> = {}): RelationEdge[] {
  const names = new Set(graph.entities.map((e) => e.name));
  const edges: RelationEdge[] = [];
  for (const entity of graph.entities) {
    for (const field of entity.fields) {
      if (field.type !== "relation" || !field.target || !field.cardinality) continue;
      if (!names.has(field.target) || drawnByInverse(graph, entity.name, field)) continue;
      const inverse = inverseOf(graph, entity.name, field);
      const fields = inverse ? [field.name, inverse.name] : [field.name];
      const target = graph.entities.find((e) => e.name === field.target);
      const from = at[entity.name];
      const to = at[field.target];
      const sides =
        from && to && target ? facingSides(centre(from, entity), centre(to, target)) : null;
      edges.push({
        ...(sides ? { sourceHandle: sides[0], targetHandle: sides[1] } : {}),
        id: `${entity.name}.${field.name}`,
        source: entity.name,
        target: field.target,
        label: `${fields.join(" / ")} (${CARDINALITY_LABELS[field.cardinality]})`,
        data: { fields, cardinality: field.cardinality },
      });
    }
  }
  return edges;
}

/** Nodes at their remembered positions (new entities on a grid) and the relation edges. */
export function graphFromModel(
  graph: SpecGraph,
  positions: Record<string, Point>,
): { nodes: EntityNode[]; edges: RelationEdge[] } {
  const count = graph.entities.length;
  const nodes: EntityNode[] = graph.entities.map((entity, index) => ({
    id: entity.name,
    type: "entity",
    position: positions[entity.name] ?? gridPosition(index, count),
    data: { entity },
    ariaLabel: `Entity ${entity.name}, ${entity.fields.length} fields`,
  }));
  const at = Object.fromEntries(nodes.map((n) => [n.id, n.position]));
  return { nodes, edges: graphEdges(graph, at) };
}
