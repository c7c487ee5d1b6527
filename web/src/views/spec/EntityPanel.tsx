// The selected entity in a side form: its fields with Change and Remove, and a form to add
// a field.
import { useState } from "react";

import { addField, removeEntity, removeField, updateField } from "../../lib/er/edits";
import type { FieldSpec } from "../../lib/er/edits";
import type { GraphEntity } from "../../lib/er/types";
import { FieldForm } from "./FieldForm";
import type { Edit } from "./edit";

export function EntityPanel({
  entity,
  typeNames,
  editable,
  apply,
}: {
  entity: GraphEntity;
  typeNames: string[];
  editable: boolean;
  apply: (edit: Edit) => string | null;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState("");
  const canEdit = editable && !entity.builtin;

  function change(name: string, spec: FieldSpec): string | null {
    const field = entity.fields.find((f) => f.name === name);
    const refused = apply((text) =>
      updateField(text, entity.name, name, {
        name: spec.name,
        type: field?.type === "relation" ? undefined : spec.type,
        optional: spec.optional,
        unique: spec.unique,
      }),
    );
    if (!refused) setEditing(null);
    return refused;
  }

  return (
    <section className="entity-panel" aria-labelledby="entity-panel-heading">
      <h3 id="entity-panel-heading">
        {entity.name}
        {entity.builtin ? " (built-in)" : ""}
      </h3>
      {entity.doc && <p className="muted">{entity.doc}</p>}
      {entity.builtin && (
        <p className="muted help">
          The built-in User comes with authentication; declare <code>entity User</code> in the text
          to change it.
        </p>
      )}
      <table className="field-table">
        <caption className="visually-hidden">Fields of {entity.name}</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Type</th>
            {canEdit && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {entity.fields.map((field) => (
            <tr key={field.name}>
              <td>{field.name}</td>
              <td className="mono">
                {field.written}
                {field.optional ? " optional" : ""}
                {field.unique ? " unique" : ""}
              </td>
              {canEdit && (
                <td className="row">
                  <button
                    type="button"
                    onClick={() => setEditing(field.name)}
                    aria-label={`Change ${field.name}`}
                  >
                    Change
                  </button>
                  <button
                    type="button"
                    onClick={() =>
                      setError(apply((text) => removeField(text, entity.name, field.name)) ?? "")
                    }
                    aria-label={`Remove ${field.name}`}
                  >
                    Remove
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {canEdit && editing && (
        <FieldForm
          key={`edit-${editing}`}
          entity={entity.name}
          field={entity.fields.find((f) => f.name === editing)}
          typeNames={typeNames}
          onSubmit={(spec) => change(editing, spec)}
          onCancel={() => setEditing(null)}
        />
      )}
      {canEdit && !editing && (
        <FieldForm
          key={`add-${entity.name}`}
          entity={entity.name}
          typeNames={typeNames}
          onSubmit={(spec) => apply((text) => addField(text, entity.name, spec))}
        />
      )}
      {canEdit && (
        <button
          type="button"
          className="danger"
          onClick={() => setError(apply((text) => removeEntity(text, entity.name)) ?? "")}
        >
          Remove entity {entity.name}
        </button>
      )}
    </section>
  );
}
