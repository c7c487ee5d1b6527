// Server diagnostics (line:column, 1-based) as CodeMirror lint diagnostics.
import type { Diagnostic } from "@codemirror/lint";
import type { Text } from "@codemirror/state";

import type { ProblemError } from "../../api/client";

/** The diagnostic at `problem`'s place, marking the word there (or one character). */
export function toDiagnostic(doc: Text, problem: ProblemError): Diagnostic {
  const lineNumber = Math.min(Math.max(problem.line ?? 1, 1), doc.lines);
  const line = doc.line(lineNumber);
  const column = Math.min(Math.max((problem.column ?? 1) - 1, 0), line.length);
  const from = line.from + column;
  const word = /^[A-Za-z0-9_]+/.exec(line.text.slice(column));
  const to = word ? from + word[0].length : Math.min(from + 1, line.to);
  const severity =
    problem.level === "warning" ? "warning" : problem.level === "info" ? "info" : "error";
  const code = problem.code ? `[${problem.code}] ` : "";
  const hint = problem.hint ? ` — ${problem.hint}` : "";
  return { from, to: Math.max(to, from), severity, message: `${code}${problem.message}${hint}` };
}
