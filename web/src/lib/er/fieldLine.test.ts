import { describe, expect, it } from "vitest";

import { parseFieldLine, printFieldLine, withFlag } from "./fieldLine";

describe("parseFieldLine", () => {
  it("splits a field into name, type, modifiers and comment", () => {
    expect(
      parseFieldLine('  code: string(12) unique pattern("^[A-Z]# x$") = "AB"  # the code'),
    ).toEqual({
      indent: "  ",
      name: "code",
      type: "string(12)",
      modifiers: ["unique", 'pattern("^[A-Z]# x$")', '= "AB"'],
      comment: "# the code",
    });
  });

  it("reads relation types with via", () => {
    expect(parseFieldLine("\titems: [OrderItem] via order")?.type).toBe("[OrderItem] via order");
    expect(parseFieldLine("  person: one Person via passport optional")).toMatchObject({
      type: "one Person via passport",
      modifiers: ["optional"],
    });
    expect(parseFieldLine("  total: decimal(10, 2) min(0)")?.type).toBe("decimal(10, 2)");
  });

  it("is undefined for statements that are not fields", () => {
    expect(parseFieldLine("  allow read: owner")).toBeUndefined();
    expect(parseFieldLine("  # note: this is a comment")).toBeUndefined();
  });

  it("prints what it parsed", () => {
    const line = "  status: Status = open readonly  # starts open";
    const parts = parseFieldLine(line);
    expect(parts && printFieldLine(parts)).toBe(line);
  });
});

describe("withFlag", () => {
  it("sets a flag in canonical order and clears it in any spelling", () => {
    expect(withFlag(["unique", "min(0)"], "optional", true)).toEqual([
      "optional",
      "unique",
      "min(0)",
    ]);
    expect(withFlag(["optional", "min(0)"], "unique", true)).toEqual([
      "optional",
      "unique",
      "min(0)",
    ]);
    expect(withFlag(["optional()", "min(0)"], "optional", false)).toEqual(["min(0)"]);
    expect(withFlag(["optional"], "optional", true)).toEqual(["optional"]);
  });
});
