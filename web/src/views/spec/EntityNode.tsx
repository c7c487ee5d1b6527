// An entity drawn in the ER graph: its name and fields; handles to draw relations from.
import { Handle, Position } from "@xyflow/react";
import type { NodeProps } from "@xyflow/react";

import type { EntityNode as EntityNodeType, Side } from "../../lib/er/graph";

// One handle per side; the canvas connects in loose mode, so any handle starts or ends an edge.
const SIDES: [Side, Position][] = [
  ["top", Position.Top],
  ["right", Position.Right],
  ["bottom", Position.Bottom],
  ["left", Position.Left],
];

export function EntityNode({ data, selected }: NodeProps<EntityNodeType>) {
  const { entity } = data;
  return (
    <div className={`er-node${selected ? " selected" : ""}`}>
      {SIDES.map(([id, position]) => (
        <Handle key={id} id={id} type="source" position={position} />
      ))}
      <div className="er-node-title">
        <strong>{entity.name}</strong>
        {entity.builtin && <span className="muted"> built-in</span>}
      </div>
      <ul className="er-node-fields">
        {entity.fields.map((field) => (
          <li key={field.name}>
            <span>{field.name}</span>
            <span className="muted mono">
              {field.written}
              {field.optional ? "?" : ""}
              {field.unique ? " unique" : ""}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
