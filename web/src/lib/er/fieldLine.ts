// One field line of an entity block, split into its parts so an edit can change the name,
// the type or a flag and keep everything else (other modifiers, the comment) as written.
import { code, commentStart } from "./locate";

export interface FieldParts {
  indent: string;
  name: string;
  /** The type as written: string(200), OrderStatus, one Profile via person, [Tag] via posts. */
  type: string;
  /** The modifiers as written, in order: optional, on_delete(cascade), = pending, ... */
  modifiers: string[];
  /** The trailing comment with its "#", or "". */
  comment: string;
}

const HEAD = /^(\s*)([A-Za-z_]\w*)\s*:\s*/;

/** Splits `rest` into words with their parenthesised arguments, strings and [lists]. */
function tokens(rest: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < rest.length) {
    const char = rest[i] ?? "";
    if (/\s/.test(char)) {
      i += 1;
      continue;
    }
    let end = i + 1;
    if (char === '"') end = stringEnd(rest, i);
    else if (char === "[") end = rest.indexOf("]", i) < 0 ? rest.length : rest.indexOf("]", i) + 1;
    else if (char !== "=") {
      while (end < rest.length && /[^\s("=[]/.test(rest[end] ?? "")) end += 1;
      if (rest[end] === "(") end = parenEnd(rest, end);
    }
    out.push(rest.slice(i, end));
    i = end;
  }
  return out;
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i += 1) {
    if (text[i] === "\\") i += 1;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

function parenEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i += 1) {
    const char = text[i];
    if (char === '"') i = stringEnd(text, i) - 1;
    else if (char === "(") depth += 1;
    else if (char === ")") {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

/** The parts of a field line, or undefined when `line` is not a field. */
export function parseFieldLine(line: string): FieldParts | undefined {
  const cut = commentStart(line);
  const body = line.slice(0, cut).trimEnd();
  const head = HEAD.exec(code(body));
  if (!head) return undefined;
  const words = tokens(body.slice(head[0].length));
  let typeLength = 1;
  if (words[0] === "one") typeLength = 2;
  if (words[typeLength] === "via") typeLength += 2;
  const type = words.slice(0, typeLength).join(" ");
  const modifiers: string[] = [];
  const rest = words.slice(typeLength);
  for (let i = 0; i < rest.length; i += 1) {
    const word = rest[i] ?? "";
    if (word === "=" && i + 1 < rest.length) {
      modifiers.push(`= ${rest[i + 1] ?? ""}`);
      i += 1;
    } else modifiers.push(word);
  }
  return {
    indent: head[1] ?? "",
    name: head[2] ?? "",
    type,
    modifiers,
    comment: line.slice(cut).trim(),
  };
}

/** The line for `parts`: `name: type modifiers  # comment`. */
export function printFieldLine(parts: FieldParts): string {
  const words = [`${parts.name}:`, parts.type, ...parts.modifiers].filter((w) => w !== "");
  const comment = parts.comment ? `  ${parts.comment}` : "";
  return `${parts.indent}${words.join(" ")}${comment}`;
}

/** The modifiers with a flag (optional, unique) set or cleared; a set flag goes first. */
export function withFlag(modifiers: string[], flag: string, on: boolean): string[] {
  const others = modifiers.filter((m) => m !== flag && m !== `${flag}()`);
  if (!on) return others;
  if (modifiers.some((m) => m === flag || m === `${flag}()`)) return modifiers;
  const order = ["optional", "unique", "index"];
  const rank = order.indexOf(flag);
  const at = others.findIndex((m) => {
    const r = order.indexOf(m);
    return r < 0 || r > rank;
  });
  const position = at < 0 ? others.length : at;
  return [...others.slice(0, position), flag, ...others.slice(position)];
}
