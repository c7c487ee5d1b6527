import { StringStream } from "@codemirror/language";
import { describe, expect, it } from "vitest";

import { nestParser } from "./language";
import type { NestState } from "./language";

/** Each non-space token of `text` with the style the parser gives it. */
function tokens(text: string): [string, string | null][] {
  const state: NestState = nestParser.startState?.(2) ?? {
    first: null,
    field: "no",
    naming: false,
  };
  const out: [string, string | null][] = [];
  for (const line of text.split("\n")) {
    const stream = new StringStream(line, 4, 2);
    while (!stream.eol()) {
      const style = nestParser.token(stream, state);
      const word = stream.current();
      if (word.trim()) out.push([word, style]);
      stream.start = stream.pos;
    }
  }
  return out;
}

describe("the .nest highlighter", () => {
  it("colours a definition header, a comment and a description", () => {
    expect(tokens('entity Order "An order" {  # orders')).toEqual([
      ["entity", "keyword"],
      ["Order", "typeName.definition"],
      ['"An order"', "string"],
      ["{", "brace"],
      ["# orders", "comment"],
    ]);
  });

  it("tells field names, types, relations and modifiers apart", () => {
    expect(tokens("  total: decimal(10,2) min(0) optional")).toEqual([
      ["total", "propertyName"],
      [":", "punctuation"],
      ["decimal", "typeName"],
      ["(", "paren"],
      ["10", "number"],
      [",", "punctuation"],
      ["2", "number"],
      [")", "paren"],
      ["min", "modifier"],
      ["(", "paren"],
      ["0", "number"],
      [")", "paren"],
      ["optional", "modifier"],
    ]);
    expect(tokens("  items: [OrderItem] via order").map((t) => t[1])).toEqual([
      "propertyName",
      "punctuation",
      "squareBracket",
      "className",
      "squareBracket",
      "keyword",
      "variableName",
    ]);
    expect(tokens("  profile: one Profile").map((t) => t[1])).toEqual([
      "propertyName",
      "punctuation",
      "keyword",
      "className",
    ]);
  });

  it("treats keywords as names where a statement cannot start with them", () => {
    expect(tokens("  search: string")[0]).toEqual(["search", "propertyName"]);
    expect(tokens("  search title, body")[0]).toEqual(["search", "keyword"]);
    expect(tokens("  status: Status = pending")[4]).toEqual(["pending", "variableName"]);
  });

  it("reads durations, escaped strings and atoms", () => {
    expect(tokens("  cache 30s")).toEqual([
      ["cache", "keyword"],
      ["30s", "number"],
    ]);
    expect(tokens('  note: string = "say \\"hi\\"" # c').slice(4)).toEqual([
      ['"say \\"hi\\""', "string"],
      ["# c", "comment"],
    ]);
    expect(tokens("  allow read: anyone").map((t) => t[1])).toEqual([
      "keyword",
      "variableName",
      "punctuation",
      "atom",
    ]);
  });
});
