// The ER editor's side panel: pick an entity from a list, edit it, add entities and
// relations — the keyboard route to everything the canvas does with the mouse.
import { useState } from "react";
import type { FormEvent } from "react";

import { addEntity, addRelation } from "../../lib/er/edits";
import type { SpecGraph } from "../../lib/er/types";
import type { Edit } from "./edit";
import { EntityPanel } from "./EntityPanel";
import { RelationForm } from "./RelationForm";
import type { RelationDraft } from "./RelationForm";

export function ErPanel({
  graph,
  selected,
  onSelect,
  editable,
  apply,
  relationDraft,
}: {
  graph: SpecGraph;
  selected: string | null;
  onSelect: (entity: string) => void;
  editable: boolean;
  apply: (edit: Edit) => string | null;
  relationDraft: RelationDraft | null;
}) {
  const names = graph.entities.map((e) => e.name);
  const typeNames = [...graph.enums.map((e) => e.name), ...names];
  const entity = graph.entities.find((e) => e.name === selected);

  return (
    <div className="er-panel">
      <label htmlFor="er-entity">Entity</label>
      <select id="er-entity" value={entity?.name ?? ""} onChange={(e) => onSelect(e.target.value)}>
        <option value="" disabled>
          Choose an entity…
        </option>
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      {entity && (
        <EntityPanel
          key={entity.name}
          entity={entity}
          typeNames={typeNames}
          editable={editable}
          apply={apply}
        />
      )}
      {editable && (
        <>
          <AddEntityForm apply={apply} onAdded={(name) => onSelect(name)} />
          <RelationForm
            entities={names}
            draft={relationDraft}
            onSubmit={(relation) => apply((text) => addRelation(text, relation))}
          />
        </>
      )}
    </div>
  );
}

function AddEntityForm({
  apply,
  onAdded,
}: {
  apply: (edit: Edit) => string | null;
  onAdded: (name: string) => void;
}) {
  const [name, setName] = useState("");
  const [field, setField] = useState("name");
  const [type, setType] = useState("string(200)");
  const [error, setError] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    const entity = name.trim();
    const fields = field.trim() ? [{ name: field.trim(), type: type.trim() }] : [];
    const refused = apply((text) => addEntity(text, entity, fields));
    setError(refused ?? "");
    if (!refused) {
      setName("");
      onAdded(entity);
    }
  }

  return (
    <form className="stack add-entity" onSubmit={submit} noValidate>
      <h3>Add an entity</h3>
      <label htmlFor="add-entity-name">Entity name (PascalCase)</label>
      <input
        id="add-entity-name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? "add-entity-error" : undefined}
      />
      <div className="row">
        <label htmlFor="add-entity-field">First field</label>
        <input id="add-entity-field" value={field} onChange={(e) => setField(e.target.value)} />
        <label htmlFor="add-entity-type">of type</label>
        <input id="add-entity-type" value={type} onChange={(e) => setType(e.target.value)} />
      </div>
      {error && (
        <p id="add-entity-error" className="field-error" role="alert">
          {error}
        </p>
      )}
      <div>
        <button type="submit">Add entity</button>
      </div>
    </form>
  );
}
