// The ER graph on a canvas (React Flow): drag entities (positions kept per project), draw a
// relation by connecting two entities, select an entity to edit it. Keyboard: Tab to an
// entity, Enter selects it, arrow keys move it; every other action has a form in the panel.
import { Background, ConnectionMode, Controls, ReactFlow, applyNodeChanges } from "@xyflow/react";
import type { Connection, NodeChange, NodeTypes } from "@xyflow/react";
import { useCallback, useEffect, useRef, useState } from "react";
import "@xyflow/react/dist/style.css";

import { graphFromModel } from "../../lib/er/graph";
import type { EntityNode as EntityNodeType, Point } from "../../lib/er/graph";
import { loadPositions, savePositions } from "../../lib/er/positions";
import type { SpecGraph } from "../../lib/er/types";
import { EntityNode } from "./EntityNode";

const nodeTypes: NodeTypes = { entity: EntityNode };

export function ErCanvas({
  graph,
  projectId,
  selected,
  onSelect,
  onConnect,
  editable,
}: {
  graph: SpecGraph;
  projectId: number;
  selected: string | null;
  onSelect: (entity: string) => void;
  onConnect: (from: string, to: string) => void;
  editable: boolean;
}) {
  const positions = useRef<Record<string, Point>>({});
  const [nodes, setNodes] = useState<EntityNodeType[]>([]);
  const at = Object.fromEntries(nodes.map((n) => [n.id, n.position]));
  const { edges } = graphFromModel(graph, { ...positions.current, ...at });

  useEffect(() => {
    positions.current = loadPositions(projectId);
  }, [projectId]);

  useEffect(() => {
    const derived = graphFromModel(graph, positions.current).nodes;
    setNodes(derived.map((node) => ({ ...node, selected: node.id === selected })));
  }, [graph, selected]);

  const onNodesChange = useCallback(
    (changes: NodeChange<EntityNodeType>[]) => {
      setNodes((current) => {
        const next = applyNodeChanges(changes, current);
        if (changes.some((c) => c.type === "position")) {
          for (const node of next) positions.current[node.id] = node.position;
          savePositions(projectId, positions.current);
        }
        return next;
      });
      for (const change of changes) {
        if (change.type === "select" && change.selected) onSelect(change.id);
      }
    },
    [projectId, onSelect],
  );

  const connect = useCallback(
    (connection: Connection) => {
      if (connection.source && connection.target) onConnect(connection.source, connection.target);
    },
    [onConnect],
  );

  return (
    <div className="er-canvas" aria-label="Entity-relation graph" role="region">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onConnect={editable ? connect : undefined}
        nodesConnectable={editable}
        connectionMode={ConnectionMode.Loose}
        edgesFocusable={false}
        fitView
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
