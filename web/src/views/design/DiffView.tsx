// The changes between two versions, classified for API clients and for stored data, and
// the migration plan per target.
import { useState } from "react";

import { ErrorNote, Loading } from "../../components/Status";
import { useApi } from "../../hooks";
import { API_LABELS, DB_LABELS, byApiImpact, byDbImpact } from "./diff";
import type { ChangeGroup } from "./diff";
import type { DiffReport } from "./types";

export function DiffView(props: { projectId: number; old: number; new: number }) {
  const path = `/projects/${props.projectId}/diff?old=${props.old}&new=${props.new}`;
  const diff = useApi<DiffReport>(path);
  const report = diff.data;
  return (
    <div className="diff" aria-live="polite">
      <h3>
        Changes from v{props.old} to v{props.new}
      </h3>
      <ErrorNote error={diff.error} />
      {diff.loading && <Loading what="Comparing versions" />}
      {report && report.changes.length === 0 && <p>No changes.</p>}
      {report && report.changes.length > 0 && (
        <>
          <p>
            {report.summary.total ?? report.changes.length} changes: {report.summary.breaking ?? 0}{" "}
            breaking, {report.summary.destructive ?? 0} destructive,{" "}
            {report.summary["data-migrating"] ?? 0} data-migrating.
          </p>
          <div className="diff-columns">
            <Groups title="For API clients" groups={byApiImpact(report.changes)} />
            <Groups title="For the database" groups={byDbImpact(report.changes)} />
          </div>
          <table>
            <caption>Every change</caption>
            <thead>
              <tr>
                <th scope="col">Change</th>
                <th scope="col">Where</th>
                <th scope="col">API</th>
                <th scope="col">Database</th>
              </tr>
            </thead>
            <tbody>
              {report.changes.map((c, index) => (
                <tr key={index}>
                  <td>{c.message}</td>
                  <td>
                    <code>{c.path}</code>
                  </td>
                  <td className={`impact-${c.api}`}>{API_LABELS[c.api]}</td>
                  <td className={`impact-${c.db}`}>{DB_LABELS[c.db]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <MigrationPlan migrations={report.migrations} />
        </>
      )}
    </div>
  );
}

function Groups<K extends string>({ title, groups }: { title: string; groups: ChangeGroup<K>[] }) {
  return (
    <div>
      <h4>{title}</h4>
      {groups.map((group) => (
        <div key={group.key} className={`impact-group impact-${group.key}`}>
          <strong>
            {group.label} ({group.changes.length})
          </strong>
          <ul>
            {group.changes.map((c, index) => (
              <li key={index}>{c.message}</li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

function MigrationPlan({ migrations }: { migrations: DiffReport["migrations"] }) {
  const targets = Object.keys(migrations);
  const [target, setTarget] = useState(targets[0] ?? "");
  const steps = migrations[target] ?? [];
  if (targets.length === 0) return null;
  return (
    <div className="migration">
      <h4>Migration plan</h4>
      <label>
        For{" "}
        <select value={target} onChange={(e) => setTarget(e.target.value)}>
          {targets.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      {steps.length === 0 ? (
        <p>No migration steps.</p>
      ) : (
        <ol className="migration-steps">
          {steps.map((step, index) => (
            <li key={index}>
              <pre>
                <code>{step.code}</code>
              </pre>
              {step.warning && <p className="impact-data-migrating">Warning: {step.warning}</p>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
