import { describe, expect, it } from "vitest";

import { progressOf, projectName } from "./intake";
import type { IntakeOut } from "./intake";

const question = {
  id: "database",
  text: "Which database?",
  choices: ["postgresql"],
  default: "postgresql",
  why: "",
  free_text: false,
};

function out(answered: number, open: boolean, expected?: number): IntakeOut {
  return {
    id: "c1",
    question: open ? question : null,
    answered: Array.from({ length: answered }, (_, i) => ({ question_id: `q${i}`, answer: "a" })),
    notes: [],
    spec: "",
    warnings: [],
    ...(expected === undefined ? {} : { expected }),
  };
}

describe("progressOf", () => {
  it("counts the open question when the server gives no estimate", () => {
    expect(progressOf(out(2, true))).toEqual({ answered: 2, expected: 3, estimated: false });
    expect(progressOf(out(3, false))).toEqual({ answered: 3, expected: 3, estimated: false });
  });

  it("uses the server's estimate but never less than what is known", () => {
    expect(progressOf(out(1, true, 5))).toEqual({ answered: 1, expected: 5, estimated: true });
    expect(progressOf(out(4, false, 2))).toEqual({ answered: 4, expected: 4, estimated: true });
  });
});

describe("projectName", () => {
  it("reads the project's name from the draft", () => {
    expect(projectName('# x\nproject salon "Hair salons" {\n}')).toBe("salon");
    expect(projectName("entity A {}")).toBe("");
  });
});
