// Add a field to an entity or change one: name, type, optional, unique.
import { useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";

import type { FieldSpec } from "../../lib/er/edits";
import { SCALAR_TYPES } from "../../lib/er/names";
import type { GraphField } from "../../lib/er/types";

export function FieldForm({
  entity,
  field,
  typeNames,
  onSubmit,
  onCancel,
}: {
  entity: string;
  /** The field being changed; undefined to add one. */
  field?: GraphField;
  /** Enum and entity names a field may have as its type. */
  typeNames: string[];
  /** Applies the edit; returns the reason when it was refused. */
  onSubmit: (spec: FieldSpec) => string | null;
  onCancel?: () => void;
}) {
  const [name, setName] = useState(field?.name ?? "");
  const [type, setType] = useState(field?.written ?? "string");
  const [optional, setOptional] = useState(field?.optional ?? false);
  const [unique, setUnique] = useState(field?.unique ?? false);
  const [error, setError] = useState("");
  const first = useRef<HTMLInputElement>(null);
  const prefix = field ? `edit-field-${entity}-${field.name}` : `add-field-${entity}`;

  useEffect(() => {
    if (field) first.current?.focus();
  }, [field]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const refused = onSubmit({ name: name.trim(), type: type.trim(), optional, unique });
    setError(refused ?? "");
    if (!refused && !field) {
      setName("");
      setOptional(false);
      setUnique(false);
    }
  }

  const relation = field?.type === "relation" && field.written !== field.target;
  return (
    <form className="stack field-form" onSubmit={submit} noValidate>
      <h4>{field ? `Change ${entity}.${field.name}` : `Add a field to ${entity}`}</h4>
      <label htmlFor={`${prefix}-name`}>Field name</label>
      <input
        id={`${prefix}-name`}
        ref={first}
        value={name}
        onChange={(e) => setName(e.target.value)}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${prefix}-error` : undefined}
      />
      <label htmlFor={`${prefix}-type`}>Type</label>
      <input
        id={`${prefix}-type`}
        list={`${prefix}-types`}
        value={type}
        onChange={(e) => setType(e.target.value)}
        readOnly={relation}
        aria-describedby={`${prefix}-type-help`}
      />
      <datalist id={`${prefix}-types`}>
        {[...SCALAR_TYPES, ...typeNames].map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <p id={`${prefix}-type-help`} className="muted help">
        {relation
          ? "A relation's type is changed in the text."
          : "A type (string(200), decimal(10,2), ...), an enum or an entity."}
      </p>
      <div className="row">
        <label className="check-label">
          <input
            type="checkbox"
            checked={optional}
            onChange={(e) => setOptional(e.target.checked)}
          />
          optional
        </label>
        <label className="check-label">
          <input type="checkbox" checked={unique} onChange={(e) => setUnique(e.target.checked)} />
          unique
        </label>
      </div>
      {error && (
        <p id={`${prefix}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit">{field ? "Apply" : "Add field"}</button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
