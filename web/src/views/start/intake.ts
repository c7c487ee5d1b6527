// The server's intake conversation (POST /api/intake, GET /api/intake/{id},
// POST /api/intake/{id}/answers, POST /api/intake/{id}/save).
import type { ProblemError } from "../../api/client";

export interface IntakeQuestion {
  id: string;
  text: string;
  choices: string[];
  default: string;
  why: string;
  free_text: boolean;
}

export interface IntakeOut {
  id: string;
  question: IntakeQuestion | null;
  answered: { question_id: string; answer: string }[];
  notes: string[];
  spec: string;
  warnings: ProblemError[];
  /** How many questions the conversation expects in all, when the server says. */
  expected?: number;
}

export interface Progress {
  answered: number;
  expected: number;
  /** Whether `expected` is the server's estimate (else only what is known so far). */
  estimated: boolean;
}

/** Answered so far and expected in all: the server's estimate when it gives one, else the
 * answered ones plus the open question. */
export function progressOf(out: IntakeOut): Progress {
  const answered = out.answered.length;
  const open = out.question ? 1 : 0;
  const expected = Math.max(out.expected ?? 0, answered + open);
  return { answered, expected, estimated: out.expected !== undefined };
}

/** The project name the draft declares (`project NAME`), for a new project's name. */
export function projectName(spec: string): string {
  return /^\s*project\s+([A-Za-z_]\w*)/m.exec(spec)?.[1] ?? "";
}
