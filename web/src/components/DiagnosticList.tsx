// Spec diagnostics (line:column, code, message, hint) listed next to the text they are about.
import type { ProblemError } from "../api/client";

export function DiagnosticList({
  id,
  items,
  title = "The spec has problems",
}: {
  id: string;
  items: ProblemError[];
  title?: string;
}) {
  if (items.length === 0) return null;
  return (
    <div id={id} className="error-note" role="alert">
      <strong>{title}</strong>
      <ul>
        {items.map((item, index) => (
          <li key={index}>
            {item.line ? `line ${item.line}:${item.column ?? 1}: ` : ""}
            {item.path && !item.line ? `${item.path}: ` : ""}
            {item.level === "warning" ? "warning: " : ""}
            {item.message}
            {item.hint ? ` — ${item.hint}` : ""}
            {item.code ? ` [${item.code}]` : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}
