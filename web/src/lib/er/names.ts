// Names and types the ER editor accepts, checked before any text is touched so a bad name
// is refused with a message saying what would be valid.

import { TYPES } from "../nest/vocabulary";

/** The scalar types of the language (the highlighter's list: one list for both). */
export const SCALAR_TYPES: readonly string[] = TYPES;

/** An edit the ER editor refuses; the message names the problem and what would be valid. */
export class ErEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ErEditError";
  }
}

const PASCAL = /^[A-Z][A-Za-z0-9]*$/;
const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

export function isPascalCase(name: string): boolean {
  return PASCAL.test(name);
}

export function isSnakeCase(name: string): boolean {
  return SNAKE.test(name);
}

export function checkEntityName(name: string): void {
  if (!isPascalCase(name)) {
    throw new ErEditError(
      `'${name}' is not a valid entity name: use PascalCase letters and digits, e.g. OrderItem`,
    );
  }
  if (SCALAR_TYPES.includes(name.toLowerCase())) {
    throw new ErEditError(`'${name}' is the name of a type; choose another entity name`);
  }
}

export function checkFieldName(name: string): void {
  if (!isSnakeCase(name)) {
    throw new ErEditError(
      `'${name}' is not a valid field name: use snake_case (lower-case letters, digits and ` +
        "single underscores, starting with a letter), e.g. unit_price",
    );
  }
  if (name === "id") {
    throw new ErEditError("'id' is generated for every entity; choose another field name");
  }
}

/** PascalCase to snake_case: OrderItem → order_item. */
export function toSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}

/** A plural for a generated field name: tag → tags, category → categories, box → boxes. */
export function plural(word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, previous + cost);
      previous = above;
    }
  }
  return row[b.length] ?? 0;
}

/** The closest of `choices` to a misspelt `word`, when one is close enough. */
export function didYouMean(word: string, choices: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const choice of choices) {
    const d = distance(word.toLowerCase(), choice.toLowerCase());
    if (d < bestDistance) {
      best = choice;
      bestDistance = d;
    }
  }
  return best;
}

const PARAMS = /^(string)\(\d+\)$|^(decimal)\(\d+(,\s*\d+)?\)$/;

/**
 * Checks a scalar or named type as a field form writes it: a scalar (string(200) and
 * decimal(10,2) take parameters), or the name of an enum or entity in `known`.
 */
export function checkType(type: string, known: ReadonlySet<string>): void {
  const trimmed = type.trim();
  if (SCALAR_TYPES.includes(trimmed) || PARAMS.test(trimmed)) return;
  if (known.has(trimmed)) return;
  const word = trimmed.replace(/\(.*$/, "");
  const choices = [...SCALAR_TYPES, ...[...known].sort()];
  const guess = didYouMean(word, choices);
  const hint = guess ? `did you mean '${guess}'? ` : "";
  throw new ErEditError(
    `unknown type '${trimmed}': ${hint}valid types are ${SCALAR_TYPES.join(", ")}` +
      (known.size > 0 ? `, or one of ${[...known].sort().join(", ")}` : ""),
  );
}
