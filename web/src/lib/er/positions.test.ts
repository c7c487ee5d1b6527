import { beforeEach, describe, expect, it } from "vitest";

import { loadPositions, savePositions } from "./positions";

describe("positions", () => {
  beforeEach(() => localStorage.clear());

  it("are remembered per project", () => {
    savePositions(1, { Order: { x: 10, y: 20 } });
    savePositions(2, { Tag: { x: 1, y: 2 } });
    expect(loadPositions(1)).toEqual({ Order: { x: 10, y: 20 } });
    expect(loadPositions(2)).toEqual({ Tag: { x: 1, y: 2 } });
    expect(loadPositions(3)).toEqual({});
  });

  it("ignore what is not a position", () => {
    localStorage.setItem("infranest-er-positions:1", '{"A": {"x": 1}, "B": {"x": 1, "y": 2}}');
    expect(loadPositions(1)).toEqual({ B: { x: 1, y: 2 } });
    localStorage.setItem("infranest-er-positions:1", "not json");
    expect(loadPositions(1)).toEqual({});
  });
});
