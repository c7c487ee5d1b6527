// Syntax highlighting for the .nest DSL as a CodeMirror StreamLanguage: definitions and
// statement keywords, field names, types, modifiers, strings, comments, numbers and
// durations, entity/enum names.
import { StreamLanguage } from "@codemirror/language";
import type { StreamParser, StringStream } from "@codemirror/language";

import { ATOMS, DEFINITIONS, INNER_KEYWORDS, MODIFIERS, STATEMENTS, TYPES } from "./vocabulary";

export interface NestState {
  /** The first word of the current line, once read. */
  first: string | null;
  /** The line is a field (`name: type ...`) and its type has been read. */
  field: "no" | "type" | "via" | "modifiers";
  /** The previous word was a definition keyword: this one is the definition's name. */
  naming: boolean;
}

const definitions = new Set(DEFINITIONS);
const statements = new Set(STATEMENTS);
const inner = new Set(INNER_KEYWORDS);
const types = new Set(TYPES);
const modifiers = new Set(MODIFIERS);
const atoms = new Set(ATOMS);

function readString(stream: StringStream): void {
  let escaped = false;
  let char: string | void;
  while ((char = stream.next()) !== undefined) {
    if (char === '"' && !escaped) return;
    escaped = !escaped && char === "\\";
  }
}

function wordStyle(word: string, stream: StringStream, state: NestState): string | null {
  if (state.first === null) {
    state.first = word;
    if (stream.match(/^\s*:/, false)) {
      state.field = "type";
      return "propertyName";
    }
    if (definitions.has(word)) {
      state.naming = true;
      return "keyword";
    }
    return statements.has(word) ? "keyword" : "variableName";
  }
  if (state.naming) {
    state.naming = false;
    return "typeName.definition";
  }
  if (state.field === "via") {
    state.field = "modifiers";
    return "variableName";
  }
  if (state.field === "type") {
    if (word === "one") return "keyword";
    state.field = "modifiers";
    return types.has(word) ? "typeName" : "className";
  }
  if (state.field === "modifiers") {
    if (word === "via") {
      state.field = "via";
      return "keyword";
    }
    if (modifiers.has(word)) return "modifier";
    return atoms.has(word) ? "atom" : "variableName";
  }
  if (inner.has(word)) return "keyword";
  if (atoms.has(word)) return "atom";
  if (/^[A-Z]/.test(word)) return "className";
  return "variableName";
}

export const nestParser: StreamParser<NestState> = {
  name: "nest",
  startState: () => ({ first: null, field: "no", naming: false }),
  copyState: (state) => ({ ...state }),
  token(stream, state) {
    if (stream.sol()) {
      state.first = null;
      state.field = "no";
      state.naming = false;
    }
    if (stream.eatSpace()) return null;
    if (stream.peek() === "#") {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.eat('"')) {
      readString(stream);
      return "string";
    }
    if (stream.match(/^[0-9]+(ms|s|m|h|d|w|y)(?![A-Za-z0-9_])/)) return "number";
    if (stream.match(/^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?%?/)) return "number";
    const word = stream.match(/^[A-Za-z_][A-Za-z0-9_]*/);
    if (word && typeof word !== "boolean") return wordStyle(word[0], stream, state);
    const char = stream.next() ?? "";
    if (state.first === null && char === "}") state.first = char;
    if ("{}".includes(char)) return "brace";
    if ("()".includes(char)) return "paren";
    if ("[]".includes(char)) return "squareBracket";
    if ("=<>!/".includes(char)) return "operator";
    return "punctuation";
  },
  languageData: { commentTokens: { line: "#" } },
};

export const nestLanguage = StreamLanguage.define(nestParser);
