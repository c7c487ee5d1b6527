import { Text } from "@codemirror/state";
import { describe, expect, it } from "vitest";

import { toDiagnostic } from "./lint";
import { minimalChange } from "./textChange";

describe("minimalChange", () => {
  it("replaces only what differs", () => {
    expect(minimalChange("a\nb\nc\n", "a\nb\n  x: int\nc\n")).toEqual({
      from: 4,
      to: 4,
      insert: "  x: int\n",
    });
    expect(minimalChange("title: string", "title: text")).toEqual({
      from: 7,
      to: 13,
      insert: "text",
    });
    expect(minimalChange("same", "same")).toBeNull();
    expect(minimalChange("aaa", "aa")).toEqual({ from: 2, to: 3, insert: "" });
  });
});

describe("toDiagnostic", () => {
  const doc = Text.of(["project p {", "}", "entity A {", "  n: strng", "}"]);

  it("marks the word at line:column with the hint", () => {
    const found = toDiagnostic(doc, {
      line: 4,
      column: 6,
      level: "error",
      code: "unknown-type",
      message: "unknown type 'strng'",
      hint: "did you mean 'string'?",
    });
    expect(doc.sliceString(found.from, found.to)).toBe("strng");
    expect(found).toMatchObject({
      severity: "error",
      message: "[unknown-type] unknown type 'strng' — did you mean 'string'?",
    });
  });

  it("keeps a place beyond the text inside it", () => {
    const found = toDiagnostic(doc, { line: 99, column: 99, level: "warning", message: "m" });
    expect(found.severity).toBe("warning");
    expect(found.from).toBe(doc.length);
    expect(found.to).toBe(doc.length);
  });
});
