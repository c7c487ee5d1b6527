// Verification runs (src/infranest/server/routers/verify.py): shapes, and the reduction of
// the run's Server-Sent Events into what the panel shows.

export type RunStatus = "queued" | "running" | "passed" | "failed" | "cancelled";
export type StepStatus = "pending" | "running" | "passed" | "failed" | "skipped";
export const STEP_NAMES = ["setup", "tests", "lint", "security", "deploy", "api"] as const;
export type StepName = (typeof STEP_NAMES)[number];

export interface StepFinding {
  location: string;
  code: string;
  message: string;
  severity?: string;
}

export interface RunStep {
  name: string;
  status: StepStatus;
  summary: string;
  /** Seconds; for a running step, so far (when the server sent it). */
  duration: number;
  counts: Record<string, number>;
  findings: StepFinding[];
}

export interface VerifyRun {
  id: number;
  project_id: number;
  version: number;
  target: string;
  status: RunStatus;
  options: { skip: StepName[]; max_examples: number; min_coverage: number };
  steps: RunStep[];
  counts: Record<string, number>;
  duration: number | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  log: string;
}

/** What the panel knows of one run. `revision` is the last event's id (-1: from a GET). */
export interface RunView {
  run: VerifyRun | null;
  revision: number;
  /** When the run was last received (ms since the epoch): running steps count on from it. */
  receivedAt: number;
  connection: "idle" | "live" | "reconnecting" | "closed";
}

export type RunEvent =
  | { type: "snapshot"; run: VerifyRun; at: number }
  | { type: "progress" | "done"; run: VerifyRun; revision: number; at: number }
  | { type: "connection"; state: RunView["connection"] };

export const EMPTY_VIEW: RunView = { run: null, revision: -1, receivedAt: 0, connection: "idle" };

const FINISHED: ReadonlySet<RunStatus> = new Set(["passed", "failed", "cancelled"]);

export function isFinished(status: RunStatus): boolean {
  return FINISHED.has(status);
}

/** The next view: events of another run, older revisions, and anything after the run
 * finished are ignored; a GET snapshot only counts before the first event. */
export function reduceRun(view: RunView, event: RunEvent): RunView {
  if (event.type === "connection") {
    const done = view.run !== null && isFinished(view.run.status);
    return { ...view, connection: done ? "closed" : event.state };
  }
  const current = view.run;
  const sameRun = current !== null && current.id === event.run.id;
  if (sameRun && isFinished(current.status)) return view;
  if (event.type === "snapshot") {
    if (sameRun && view.revision >= 0) return view;
    return { ...view, run: event.run, revision: -1, receivedAt: event.at };
  }
  if (sameRun && event.revision <= view.revision) return view;
  const connection = event.type === "done" || isFinished(event.run.status) ? "closed" : "live";
  return { run: event.run, revision: event.revision, receivedAt: event.at, connection };
}

/** The last `lines` lines of the run's log. */
export function logTail(log: string, lines = 40): string[] {
  const all = log.split("\n").filter((line) => line.trim() !== "");
  return all.slice(-lines);
}

/** A step's counts in words: "12 passed, 1 failed, coverage 93.5". */
export function countsText(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .map(([key, value]) => `${Number.isInteger(value) ? value : value.toFixed(1)} ${key}`)
    .join(", ");
}

/** Seconds a step has taken, counting on from when a running step was last reported. */
export function stepSeconds(step: RunStep, receivedAt: number, now: number): number {
  if (step.status !== "running") return step.duration;
  return step.duration + Math.max(0, now - receivedAt) / 1000;
}

/** "2.4 s", "1 min 05 s" */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.floor(seconds % 60);
  return `${minutes} min ${String(rest).padStart(2, "0")} s`;
}
