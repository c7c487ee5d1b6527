import { describe, expect, it } from "vitest";

import { findMatches, lineOf, matchingPaths, stepMatch } from "./search";

describe("matchingPaths", () => {
  const paths = ["app/main.py", "app/models/note.py", "README.md"];

  it("keeps every path for an empty query", () => {
    expect(matchingPaths(paths, "  ")).toEqual(new Set(paths));
  });

  it("matches paths case-insensitively and loaded contents", () => {
    const contents = new Map([["README.md", "Run uvicorn app.main:app"]]);
    expect(matchingPaths(paths, "NOTE")).toEqual(new Set(["app/models/note.py"]));
    expect(matchingPaths(paths, "uvicorn", contents)).toEqual(new Set(["README.md"]));
  });
});

describe("findMatches and stepMatch", () => {
  it("finds non-overlapping occurrences ignoring case", () => {
    expect(findMatches("Note note NOTE", "note")).toEqual([
      { from: 0, to: 4 },
      { from: 5, to: 9 },
      { from: 10, to: 14 },
    ]);
    expect(findMatches("aaaa", "aa")).toEqual([
      { from: 0, to: 2 },
      { from: 2, to: 4 },
    ]);
    expect(findMatches("text", "")).toEqual([]);
  });

  it("steps forward and back with wrap-around", () => {
    expect(stepMatch(-1, 3, 1)).toBe(0);
    expect(stepMatch(-1, 3, -1)).toBe(2);
    expect(stepMatch(2, 3, 1)).toBe(0);
    expect(stepMatch(0, 3, -1)).toBe(2);
    expect(stepMatch(0, 0, 1)).toBe(-1);
  });

  it("finds the line of an offset", () => {
    expect(lineOf("a\nb\nc", 4)).toBe(3);
    expect(lineOf("abc", 0)).toBe(1);
  });
});
