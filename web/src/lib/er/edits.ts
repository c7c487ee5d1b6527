// ER edits as minimal text edits on the DSL: each function takes the spec text and returns
// the new text, touching only the lines the edit is about, so comments and formatting
// elsewhere stay as written. A refused edit throws ErEditError and changes nothing.
import type { Cardinality } from "./types";
import { code, commentStart, declaredTypes, findEntity, lines } from "./locate";
import type { Block } from "./locate";
import { parseFieldLine, printFieldLine, withFlag } from "./fieldLine";
import { ErEditError, checkEntityName, checkFieldName, checkType, plural, toSnake } from "./names";

export interface FieldSpec {
  name: string;
  /** A scalar (string(200), decimal(10,2) allowed), or an enum or entity name. */
  type: string;
  optional?: boolean;
  unique?: boolean;
}

export interface RelationSpec {
  /** The entity that gets the relation field. */
  from: string;
  /** The relation field's name (snake_case, named for what it points to). */
  name: string;
  to: string;
  cardinality: Cardinality;
  /** one_to_many: the many_to_one field on `to` pointing back (added when missing). */
  via?: string;
  optional?: boolean;
}

/** Names a field may use as its type: declared entities and enums, and the built-in User. */
export function knownTypes(text: string): Set<string> {
  const known = declaredTypes(text);
  known.add("User");
  return known;
}

function entityBlock(text: string, name: string): Block {
  const block = findEntity(text, name);
  if (!block) throw new ErEditError(`no entity '${name}' is declared in the text`);
  return block;
}

/** The text with a one-line block of `entity` written over several lines. */
function expanded(text: string, entity: string): string {
  const block = entityBlock(text, entity);
  if (block.header !== block.close) return text;
  const all = lines(text);
  const line = all[block.header] ?? "";
  const cut = commentStart(line);
  const body = line.slice(0, cut);
  const open = code(body).indexOf("{");
  const close = code(body).lastIndexOf("}");
  const inner = body.slice(open + 1, close).trim();
  const comment = line.slice(cut).trim();
  const head = body.slice(0, open + 1).trimEnd() + (comment ? `  ${comment}` : "");
  const replacement = inner ? [head, `  ${inner}`, "}"] : [head, "}"];
  all.splice(block.header, 1, ...replacement);
  return all.join("\n");
}

function indentOf(all: string[], block: Block): string {
  for (let i = block.header + 1; i < block.close; i += 1) {
    const match = /^(\s+)\S/.exec(all[i] ?? "");
    if (match) return match[1] ?? "  ";
  }
  return "  ";
}

function fieldText(field: FieldSpec): string {
  const flags = [field.optional ? "optional" : "", field.unique ? "unique" : ""];
  return [`${field.name}:`, field.type.trim(), ...flags].filter(Boolean).join(" ");
}

function checkNewField(text: string, entity: string, name: string): void {
  checkFieldName(name);
  if (entityBlock(text, entity).fields.some((f) => f.name === name)) {
    throw new ErEditError(`${entity} already has a field '${name}'; choose another name`);
  }
}

/** Inserts a raw field line after the entity's last field (after its header if none). */
function insertField(text: string, entity: string, line: string): string {
  const open = expanded(text, entity);
  const block = entityBlock(open, entity);
  const all = lines(open);
  const last = block.fields[block.fields.length - 1];
  const at = last ? last.line + 1 : block.header + 1;
  all.splice(at, 0, `${indentOf(all, block)}${line}`);
  return all.join("\n");
}

/** Appends `entity Name { fields }` at the end of the text. */
export function addEntity(text: string, name: string, fields: FieldSpec[] = []): string {
  checkEntityName(name);
  const known = knownTypes(text);
  if (declaredTypes(text).has(name)) {
    throw new ErEditError(`an entity or enum named '${name}' already exists`);
  }
  known.add(name);
  const seen = new Set<string>();
  for (const field of fields) {
    checkFieldName(field.name);
    if (seen.has(field.name)) throw new ErEditError(`the field '${field.name}' is given twice`);
    seen.add(field.name);
    checkType(field.type, known);
  }
  const body = [`entity ${name} {`, ...fields.map((f) => `  ${fieldText(f)}`), "}"];
  const trimmed = text.replace(/\s+$/, "");
  const separator = trimmed ? "\n\n" : "";
  return `${trimmed}${separator}${body.join("\n")}\n`;
}

/** Removes an entity's block (and one blank line after it). */
export function removeEntity(text: string, name: string): string {
  const block = entityBlock(text, name);
  const all = lines(text);
  const next = all[block.close + 1];
  const count = block.close - block.header + 1 + (next !== undefined && next.trim() === "" ? 1 : 0);
  all.splice(block.header, count);
  return all.join("\n");
}

/** Adds a field line at the end of the entity's fields. */
export function addField(text: string, entity: string, field: FieldSpec): string {
  checkNewField(text, entity, field.name);
  checkType(field.type, knownTypes(text));
  return insertField(text, entity, fieldText(field));
}

/** Renames a field, changes its type or its optional/unique flags; other modifiers and its
 * comment stay. */
export function updateField(
  text: string,
  entity: string,
  fieldName: string,
  change: Partial<FieldSpec>,
): string {
  const open = expanded(text, entity);
  const block = entityBlock(open, entity);
  const found = block.fields.find((f) => f.name === fieldName);
  if (!found) throw new ErEditError(`${entity} has no field '${fieldName}'`);
  const all = lines(open);
  const parts = parseFieldLine(all[found.line] ?? "");
  if (!parts) throw new ErEditError(`line ${found.line + 1} is not a field`);
  if (change.name !== undefined && change.name !== fieldName) {
    checkNewField(open, entity, change.name);
    parts.name = change.name;
  }
  if (change.type !== undefined && change.type.trim() !== parts.type) {
    checkType(change.type, knownTypes(open));
    parts.type = change.type.trim();
  }
  if (change.optional !== undefined)
    parts.modifiers = withFlag(parts.modifiers, "optional", change.optional);
  if (change.unique !== undefined)
    parts.modifiers = withFlag(parts.modifiers, "unique", change.unique);
  all[found.line] = printFieldLine(parts);
  if (parts.name !== fieldName) renameInLists(all, block, fieldName, parts.name);
  return all.join("\n");
}

const NAME_LISTS = /^\s*(search|filter|sort)\s|^\s*(index|unique)\s*\(/;

/** Renames a field in its entity's search, filter, sort, index and unique statements. */
function renameInLists(all: string[], block: Block, from: string, to: string): void {
  const word = new RegExp(`\\b${from}\\b`, "g");
  for (let i = block.header + 1; i < block.close; i += 1) {
    const line = all[i] ?? "";
    if (!NAME_LISTS.test(code(line))) continue;
    const cut = commentStart(line);
    all[i] = line.slice(0, cut).replace(word, to) + line.slice(cut);
  }
}

/** Removes a field's line. */
export function removeField(text: string, entity: string, fieldName: string): string {
  const open = expanded(text, entity);
  const found = entityBlock(open, entity).fields.find((f) => f.name === fieldName);
  if (!found) throw new ErEditError(`${entity} has no field '${fieldName}'`);
  const all = lines(open);
  all.splice(found.line, 1);
  return all.join("\n");
}

/** The name of `to`'s field that points back to `from` as a plain many-to-one, if any. */
export function backReference(text: string, to: string, from: string): string | undefined {
  const block = entityBlock(text, to);
  const all = lines(text);
  for (const field of block.fields) {
    const parts = parseFieldLine(all[field.line] ?? "");
    if (parts && parts.type === from) return parts.name;
  }
  return undefined;
}

/** A default relation name: customer for many-to-one, tags for many-to-many. */
export function relationName(to: string, cardinality: Cardinality): string {
  const snake = toSnake(to);
  return cardinality === "many_to_one" || cardinality === "one_to_one" ? snake : plural(snake);
}

/** Adds a relation field to `from`; a one-to-many without a field pointing back also gets
 * that many-to-one field on `to`. */
export function addRelation(text: string, relation: RelationSpec): string {
  const { from, name, to, cardinality } = relation;
  entityBlock(text, from);
  const builtinUser = to === "User" && !findEntity(text, to);
  if (!builtinUser) entityBlock(text, to);
  checkNewField(text, from, name);
  const via = relation.via?.trim() || undefined;
  if (via !== undefined) checkFieldName(via);
  let out = text;
  let type: string;
  if (cardinality === "many_to_one") type = to;
  else if (cardinality === "one_to_one") type = via ? `one ${to} via ${via}` : `one ${to}`;
  else if (cardinality === "many_to_many") type = via ? `[${to}] via ${via}` : `[${to}]`;
  else {
    if (builtinUser) {
      throw new ErEditError("the built-in User cannot get fields; declare entity User first");
    }
    const back = via ?? backReference(text, to, from) ?? toSnake(from);
    if (!entityBlock(text, to).fields.some((f) => f.name === back)) {
      out = addField(out, to, { name: back, type: from });
    }
    type = `[${to}] via ${back}`;
  }
  const flags = relation.optional && cardinality !== "one_to_many" ? " optional" : "";
  return insertField(out, from, `${name}: ${type}${flags}`);
}
