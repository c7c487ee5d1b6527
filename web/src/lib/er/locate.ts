// A small locator of the DSL's blocks: where each definition opens and closes and which of
// an entity's lines are fields. It reads only what the ER edits need (no full parse): the
// server remains the one parser; this finds the lines a text edit has to touch.

export type DefinitionKind = "project" | "enum" | "entity" | "flow" | "integration" | "model";

export interface FieldLine {
  name: string;
  /** 0-based index of the line. */
  line: number;
}

export interface Block {
  kind: DefinitionKind;
  name: string;
  /** 0-based index of the header line (which holds the opening brace). */
  header: number;
  /** 0-based index of the line with the closing brace (the header for a one-line block). */
  close: number;
  /** Fields declared on their own lines (entities only). */
  fields: FieldLine[];
}

const HEADER = /^\s*(project|enum|entity|flow|integration|model)\s+([A-Za-z_]\w*)/;
const FIELD = /^\s*([A-Za-z_]\w*)\s*:/;

/** The text's lines, split at "\n" only (as the server's parser counts them). */
export function lines(text: string): string[] {
  return text.split("\n");
}

/** The line with string literals emptied and its comment removed. */
export function code(line: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (inString) {
      if (char === "\\") i += 1;
      else if (char === '"') {
        inString = false;
        out += '"';
      }
      continue;
    }
    if (char === "#") break;
    if (char === '"') inString = true;
    out += char;
  }
  return out;
}

/** Where the comment of `line` starts (its length when it has none). */
export function commentStart(line: string): number {
  let inString = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (inString) {
      if (char === "\\") i += 1;
      else if (char === '"') inString = false;
    } else if (char === "#") return i;
    else if (char === '"') inString = true;
  }
  return line.length;
}

function braces(line: string): number {
  let depth = 0;
  for (const char of code(line)) depth += char === "{" ? 1 : char === "}" ? -1 : 0;
  return depth;
}

/** Every top-level definition block of `text`, in source order. */
export function locateBlocks(text: string): Block[] {
  const all = lines(text);
  const found: Block[] = [];
  let index = 0;
  while (index < all.length) {
    const line = all[index] ?? "";
    const header = HEADER.exec(code(line));
    if (!header || !code(line).includes("{")) {
      index += 1;
      continue;
    }
    let depth = 0;
    let close = all.length - 1;
    for (let i = index; i < all.length; i += 1) {
      depth += braces(all[i] ?? "");
      if (depth <= 0) {
        close = i;
        break;
      }
    }
    const kind = header[1] as DefinitionKind;
    const block: Block = { kind, name: header[2] ?? "", header: index, close, fields: [] };
    if (kind === "entity") block.fields = fieldLines(all, block);
    found.push(block);
    index = close + 1;
  }
  return found;
}

function fieldLines(all: string[], block: Block): FieldLine[] {
  if (block.header === block.close) {
    const inner = code(all[block.header] ?? "").replace(/^[^{]*\{/, "");
    const match = FIELD.exec(inner);
    return match ? [{ name: match[1] ?? "", line: block.header }] : [];
  }
  const out: FieldLine[] = [];
  for (let i = block.header + 1; i < block.close; i += 1) {
    const match = FIELD.exec(code(all[i] ?? ""));
    if (match) out.push({ name: match[1] ?? "", line: i });
  }
  return out;
}

export function findEntity(text: string, name: string): Block | undefined {
  return locateBlocks(text).find((b) => b.kind === "entity" && b.name === name);
}

/** Names a field may use as its type: every entity and enum declared in the text. */
export function declaredTypes(text: string): Set<string> {
  return new Set(
    locateBlocks(text)
      .filter((b) => b.kind === "entity" || b.kind === "enum")
      .map((b) => b.name),
  );
}
