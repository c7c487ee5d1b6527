import { describe, expect, it } from "vitest";

import { nextTabIndex } from "./tabKeys";

describe("nextTabIndex", () => {
  it("wraps the arrow keys and jumps with Home and End", () => {
    expect(nextTabIndex("ArrowRight", 2, 3)).toBe(0);
    expect(nextTabIndex("ArrowLeft", 0, 3)).toBe(2);
    expect(nextTabIndex("ArrowRight", 0, 3)).toBe(1);
    expect(nextTabIndex("Home", 2, 3)).toBe(0);
    expect(nextTabIndex("End", 0, 3)).toBe(2);
  });

  it("ignores other keys", () => {
    expect(nextTabIndex("Enter", 1, 3)).toBe(-1);
    expect(nextTabIndex("ArrowDown", 1, 3)).toBe(-1);
  });
});
