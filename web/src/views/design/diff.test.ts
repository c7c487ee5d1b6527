import { describe, expect, it } from "vitest";

import { byApiImpact, byDbImpact, defaultPair } from "./diff";
import type { Change } from "./types";

const CHANGES: Change[] = [
  { kind: "a", path: "p", message: "meta", api: "none", db: "none" },
  { kind: "b", path: "q", message: "lock", api: "breaking", db: "safe" },
  { kind: "c", path: "r", message: "max", api: "breaking", db: "data-migrating" },
  { kind: "d", path: "s", message: "drop", api: "non-breaking", db: "destructive" },
];

describe("diff grouping", () => {
  it("groups by API impact, breaking first, leaving out empty groups", () => {
    expect(byApiImpact(CHANGES).map((g) => [g.key, g.changes.map((c) => c.message)])).toEqual([
      ["breaking", ["lock", "max"]],
      ["non-breaking", ["drop"]],
      ["none", ["meta"]],
    ]);
  });

  it("groups by database impact, destructive first", () => {
    expect(byDbImpact(CHANGES).map((g) => g.key)).toEqual([
      "destructive",
      "data-migrating",
      "safe",
      "none",
    ]);
  });

  it("compares the selected version with the one before it", () => {
    expect(defaultPair([3, 2, 1], 2)).toEqual({ old: 1, new: 2 });
    expect(defaultPair([3, 2, 1], null)).toEqual({ old: 2, new: 3 });
    expect(defaultPair([1], 1)).toBeNull();
    expect(defaultPair([], null)).toBeNull();
  });
});
