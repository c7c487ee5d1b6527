// Pure helpers for the history view: version pairs and the classification of changes.
import type { ApiImpact, Change, DbImpact } from "./types";

export const API_LABELS: Readonly<Record<ApiImpact, string>> = {
  breaking: "Breaking",
  "non-breaking": "Non-breaking",
  none: "No API change",
};

export const DB_LABELS: Readonly<Record<DbImpact, string>> = {
  destructive: "Destructive",
  "data-migrating": "Data-migrating",
  safe: "Safe",
  none: "No database change",
};

const API_ORDER: readonly ApiImpact[] = ["breaking", "non-breaking", "none"];
const DB_ORDER: readonly DbImpact[] = ["destructive", "data-migrating", "safe", "none"];

export interface ChangeGroup<K extends string> {
  key: K;
  label: string;
  changes: Change[];
}

function groupBy<K extends string>(
  changes: readonly Change[],
  order: readonly K[],
  labels: Readonly<Record<K, string>>,
  keyOf: (change: Change) => K,
): ChangeGroup<K>[] {
  return order
    .map((key) => ({ key, label: labels[key], changes: changes.filter((c) => keyOf(c) === key) }))
    .filter((group) => group.changes.length > 0);
}

/** Changes grouped by what they do to API clients, breaking first. */
export function byApiImpact(changes: readonly Change[]): ChangeGroup<ApiImpact>[] {
  return groupBy(changes, API_ORDER, API_LABELS, (c) => c.api);
}

/** Changes grouped by what they do to stored data, destructive first. */
export function byDbImpact(changes: readonly Change[]): ChangeGroup<DbImpact>[] {
  return groupBy(changes, DB_ORDER, DB_LABELS, (c) => c.db);
}

/** The default pair to compare: the version before the selected one, and the selected one
 * (null when there is nothing to compare with). Numbers are any order. */
export function defaultPair(
  numbers: readonly number[],
  selected: number | null,
): { old: number; new: number } | null {
  const sorted = [...numbers].sort((a, b) => a - b);
  const newer = selected !== null && sorted.includes(selected) ? selected : sorted.at(-1);
  if (newer === undefined) return null;
  const older = sorted.filter((n) => n < newer).at(-1);
  return older === undefined ? null : { old: older, new: newer };
}
