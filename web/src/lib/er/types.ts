// The shape of POST /api/specs/graph: a spec's entities, fields, relations and enums with
// the source line of each (1-based; null for what was not read from text, e.g. the built-in
// User).
import type { ProblemError } from "../../api/client";

export type Cardinality = "many_to_one" | "one_to_one" | "one_to_many" | "many_to_many";

export interface GraphField {
  name: string;
  /** The model type: a scalar, "enum" or "relation". */
  type: string;
  /** The type as the DSL writes it: string(200), OrderStatus, [Tag] via posts. */
  written: string;
  enum: string | null;
  target: string | null;
  cardinality: Cardinality | null;
  via: string | null;
  optional: boolean;
  unique: boolean;
  line: number | null;
}

export interface GraphEntity {
  name: string;
  doc: string | null;
  line: number | null;
  end_line: number | null;
  builtin: boolean;
  fields: GraphField[];
}

export interface GraphEnum {
  name: string;
  members: string[];
  line: number | null;
}

export interface SpecGraph {
  /** False when the text cannot be parsed at all (then the graph is empty). */
  readable: boolean;
  valid: boolean;
  entities: GraphEntity[];
  enums: GraphEnum[];
  diagnostics: ProblemError[];
}
