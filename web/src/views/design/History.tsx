// The project's versions as a timeline, and the diff between two chosen versions.
import { useState } from "react";

import { useApi } from "../../hooks";
import { useProject } from "../../project";
import { DiffView } from "./DiffView";
import { defaultPair } from "./diff";

interface Member {
  user_id: number;
  email: string;
}

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export function History() {
  const { project, versions, version, selectVersion } = useProject();
  const members = useApi<Member[]>(`/workspaces/${project.workspace_id}/members`);
  const numbers = versions.map((v) => v.number);
  const fallback = defaultPair(numbers, version);
  const [pair, setPair] = useState<{ old: number; new: number } | null>(null);
  const chosen = pair ?? fallback;

  const author = (id: number | null) =>
    id === null
      ? "unknown author"
      : (members.data?.find((m) => m.user_id === id)?.email ?? `user ${id}`);

  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {versions.length === 0 && <p>No versions yet.</p>}
      <ol className="timeline">
        {versions.map((v, index) => {
          const previous = versions[index + 1];
          return (
            <li key={v.number} aria-current={v.number === version ? "true" : undefined}>
              <div className="timeline-head">
                <strong>v{v.number}</strong> <span>{v.message || "(no message)"}</span>
              </div>
              <div className="muted">
                {author(v.author_id)} · <time dateTime={v.created_at}>{when(v.created_at)}</time>
              </div>
              <div className="timeline-actions">
                {v.number !== version && (
                  <button type="button" onClick={() => selectVersion(v.number)}>
                    Show v{v.number}
                  </button>
                )}
                {previous && (
                  <button
                    type="button"
                    onClick={() => setPair({ old: previous.number, new: v.number })}
                  >
                    Compare v{previous.number} → v{v.number}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      {versions.length > 1 && chosen && (
        <>
          <fieldset className="diff-pick">
            <legend>Compare two versions</legend>
            <VersionSelect
              label="Older"
              numbers={numbers}
              value={chosen.old}
              onChange={(n) => setPair({ ...chosen, old: n })}
            />
            <VersionSelect
              label="Newer"
              numbers={numbers}
              value={chosen.new}
              onChange={(n) => setPair({ ...chosen, new: n })}
            />
          </fieldset>
          <DiffView projectId={project.id} old={chosen.old} new={chosen.new} />
        </>
      )}
    </section>
  );
}

function VersionSelect(props: {
  label: string;
  numbers: number[];
  value: number;
  onChange: (n: number) => void;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(Number(e.target.value))}>
        {props.numbers.map((n) => (
          <option key={n} value={n}>
            v{n}
          </option>
        ))}
      </select>
    </label>
  );
}
