// The words of the .nest language (src/infranest/spec/grammar.lark, docs/dsl.md), grouped
// by how the editor colours them. Keywords are contextual: they count only where a
// statement may start with them, so a field called `search` is still a field.

export const DEFINITIONS = ["project", "enum", "entity", "flow", "integration", "model"];

/** Words that start a statement inside some block. */
export const STATEMENTS = [
  // project
  "auth",
  "roles",
  "database",
  "target",
  "tenancy",
  "load",
  "growth",
  "version",
  "cors",
  // entity
  "search",
  "filter",
  "sort",
  "paginate",
  "index",
  "unique",
  "timestamps",
  "soft_delete",
  "optimistic_lock",
  "allow",
  "action",
  "limit",
  "retention",
  "cache",
  "rows",
  // flow and integration
  "steps",
  "idempotent",
  "url",
  "timeout",
  "retries",
  "circuit_breaker",
  "validate_response",
  "secret",
  "used_by",
  // model and monitor
  "task",
  "on",
  "feature",
  "prediction",
  "score",
  "labels",
  "segments",
  "monitor",
  "window",
  "reference",
  "alert",
  "notify",
];

/** Words that continue a statement. */
export const INNER_KEYWORDS = [
  "via",
  "one",
  "per",
  "max",
  "by",
  "on",
  "backoff",
  "severity",
  "idempotent",
];

export const TYPES = [
  "string",
  "text",
  "int",
  "bigint",
  "decimal",
  "float",
  "bool",
  "date",
  "datetime",
  "time",
  "uuid",
  "email",
  "url",
  "json",
  "file",
];

export const MODIFIERS = [
  "optional",
  "unique",
  "index",
  "min",
  "max",
  "min_length",
  "max_length",
  "pattern",
  "readonly",
  "writeonly",
  "owner",
  "tenant",
  "on_delete",
  "pii",
  "retention",
  "readable",
  "writable",
];

/** Values with a fixed meaning: principals, defaults, booleans. */
export const ATOMS = [
  "anyone",
  "authenticated",
  "owner",
  "tenant",
  "true",
  "false",
  "null",
  "now",
  "today",
];
