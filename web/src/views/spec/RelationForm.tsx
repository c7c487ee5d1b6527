// Add a relation between two entities: from, to, cardinality, the field's name (and for a
// one-to-many, the field on the other side). Drawing an edge on the canvas opens it filled in.
import { useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";

import { relationName } from "../../lib/er/edits";
import type { RelationSpec } from "../../lib/er/edits";
import { CARDINALITY_LABELS } from "../../lib/er/graph";
import type { Cardinality } from "../../lib/er/types";

const CARDINALITIES: [Cardinality, string][] = [
  ["many_to_one", "many to one: each row points to one"],
  ["one_to_one", "one to one"],
  ["one_to_many", "one to many: a list of rows pointing back"],
  ["many_to_many", "many to many"],
];

export interface RelationDraft {
  from: string;
  to: string;
  /** Set when the draft comes from drawing an edge: focus the form. */
  drawn: boolean;
}

export function RelationForm({
  entities,
  draft,
  onSubmit,
}: {
  entities: string[];
  draft: RelationDraft | null;
  onSubmit: (relation: RelationSpec) => string | null;
}) {
  const [from, setFrom] = useState(draft?.from ?? entities[0] ?? "");
  const [to, setTo] = useState(draft?.to ?? entities[0] ?? "");
  const [cardinality, setCardinality] = useState<Cardinality>("many_to_one");
  const [name, setName] = useState("");
  const [via, setVia] = useState("");
  const [optional, setOptional] = useState(false);
  const [error, setError] = useState("");
  const first = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    if (!draft) return;
    setFrom(draft.from);
    setTo(draft.to);
    setName("");
    if (draft.drawn) first.current?.focus();
  }, [draft]);

  const suggested = to ? relationName(to, cardinality) : "";
  function submit(event: FormEvent) {
    event.preventDefault();
    const refused = onSubmit({
      from,
      to,
      cardinality,
      name: name.trim() || suggested,
      via: via.trim() || undefined,
      optional,
    });
    setError(refused ?? "");
    if (!refused) {
      setName("");
      setVia("");
    }
  }

  const options = entities.map((e) => (
    <option key={e} value={e}>
      {e}
    </option>
  ));
  return (
    <form className="stack relation-form" onSubmit={submit} noValidate>
      <h3 id="relation-heading">Add a relation</h3>
      <div className="row">
        <label htmlFor="relation-from">From</label>
        <select
          id="relation-from"
          ref={first}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        >
          {options}
        </select>
        <label htmlFor="relation-to">to</label>
        <select id="relation-to" value={to} onChange={(e) => setTo(e.target.value)}>
          {options}
        </select>
      </div>
      <label htmlFor="relation-cardinality">Cardinality</label>
      <select
        id="relation-cardinality"
        value={cardinality}
        onChange={(e) => setCardinality(e.target.value as Cardinality)}
      >
        {CARDINALITIES.map(([value, text]) => (
          <option key={value} value={value}>
            {CARDINALITY_LABELS[value]} — {text}
          </option>
        ))}
      </select>
      <label htmlFor="relation-name">Field name on {from || "the entity"}</label>
      <input
        id="relation-name"
        value={name}
        placeholder={suggested}
        onChange={(e) => setName(e.target.value)}
        aria-describedby="relation-name-help"
      />
      <p id="relation-name-help" className="muted help">
        Empty: {suggested || "named after the target"}.
      </p>
      <label htmlFor="relation-via">
        {cardinality === "one_to_many" ? "Field pointing back on" : "Inverse field on"}{" "}
        {to || "the target"} (optional)
      </label>
      <input id="relation-via" value={via} onChange={(e) => setVia(e.target.value)} />
      {cardinality !== "one_to_many" && (
        <label className="check-label">
          <input
            type="checkbox"
            checked={optional}
            onChange={(e) => setOptional(e.target.checked)}
          />
          optional
        </label>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div>
        <button type="submit">Add relation</button>
      </div>
    </form>
  );
}
