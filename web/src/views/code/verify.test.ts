import { describe, expect, it } from "vitest";

import { EMPTY_VIEW, countsText, logTail, reduceRun, stepSeconds } from "./verify";
import type { RunStep, VerifyRun } from "./verify";

function step(name: string, status: RunStep["status"], duration = 0): RunStep {
  return { name, status, summary: "", duration, counts: {}, findings: [] };
}

function run(status: VerifyRun["status"], steps: RunStep[], id = 7): VerifyRun {
  return {
    id,
    project_id: 1,
    version: 1,
    target: "fastapi",
    status,
    options: { skip: ["deploy"], max_examples: 25, min_coverage: 90 },
    steps,
    counts: {},
    duration: null,
    error: null,
    created_at: "2026-11-23T21:00:00Z",
    started_at: null,
    finished_at: null,
    log: "",
  };
}

describe("reduceRun", () => {
  it("follows progress events in revision order and ignores stale ones", () => {
    let view = reduceRun(EMPTY_VIEW, { type: "snapshot", run: run("queued", []), at: 1 });
    expect(view.run?.status).toBe("queued");
    const running = run("running", [step("generate", "passed", 1.5), step("setup", "running")]);
    view = reduceRun(view, { type: "progress", run: running, revision: 3, at: 2 });
    expect(view.connection).toBe("live");
    expect(view.run?.steps[1]?.status).toBe("running");
    const older = run("running", [step("generate", "running")]);
    expect(reduceRun(view, { type: "progress", run: older, revision: 2, at: 3 })).toBe(view);
    const snapshot = run("queued", []);
    expect(reduceRun(view, { type: "snapshot", run: snapshot, at: 4 })).toBe(view);
  });

  it("stops at done: later events and reconnects change nothing", () => {
    const done = run("passed", [step("generate", "passed", 1), step("setup", "passed", 2)]);
    let view = reduceRun(EMPTY_VIEW, { type: "done", run: done, revision: 9, at: 5 });
    expect(view.connection).toBe("closed");
    const late = run("running", [step("generate", "running")]);
    expect(reduceRun(view, { type: "progress", run: late, revision: 10, at: 6 })).toBe(view);
    view = reduceRun(view, { type: "connection", state: "reconnecting" });
    expect(view.connection).toBe("closed");
  });

  it("starts over for another run", () => {
    const first = reduceRun(EMPTY_VIEW, {
      type: "done",
      run: run("failed", [], 1),
      revision: 4,
      at: 1,
    });
    const second = reduceRun(first, { type: "snapshot", run: run("queued", [], 2), at: 2 });
    expect(second.run?.id).toBe(2);
  });
});

describe("step display", () => {
  it("counts a running step on from when it was reported", () => {
    expect(stepSeconds(step("tests", "running", 2), 1000, 4000)).toBe(5);
    expect(stepSeconds(step("tests", "passed", 2), 1000, 4000)).toBe(2);
  });

  it("words the counts and keeps the log's tail", () => {
    expect(countsText({ passed: 12, failed: 0, coverage: 93.456 })).toBe(
      "12 passed, 0 failed, 93.5 coverage",
    );
    expect(logTail("a\n\nb\nc\n", 2)).toEqual(["b", "c"]);
  });
});
