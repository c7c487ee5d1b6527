// Loading and error states, announced to screen readers.
import { ApiError } from "../api/client";

export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      {what}…
    </p>
  );
}

export function ErrorNote({ error }: { error: Error | undefined }) {
  if (!error) return null;
  const details = error instanceof ApiError ? error.errors : [];
  return (
    <div className="error-note" role="alert">
      <strong>{error.message}</strong>
      {details.length > 0 && (
        <ul>
          {details.map((item, index) => (
            <li key={index}>
              {item.line ? `line ${item.line}:${item.column ?? 1} ` : ""}
              {item.field ? `${item.field}: ` : ""}
              {item.message}
              {item.hint ? ` (${item.hint})` : ""}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
