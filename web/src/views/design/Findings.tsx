// The audit of the selected version: findings by severity, and one-click safe fixes.
import { useState } from "react";

import { api } from "../../api/client";
import { allows } from "../../api/types";
import { ErrorNote, Loading } from "../../components/Status";
import { useApi } from "../../hooks";
import { useProject } from "../../project";
import { FindingItem } from "./FindingItem";
import { groupBySeverity, resolvedFindings } from "./findings";
import type { AuditFinding, AuditReport, FixResult } from "./types";

interface FixOutcome {
  from: number;
  to: number | null;
  before: AuditFinding[];
  applied: number;
}

export function Findings() {
  const { project, role, version, selectVersion, refresh } = useProject();
  const path = version === null ? null : `/projects/${project.id}/versions/${version}/audit`;
  const audit = useApi<AuditReport>(path);
  const [fixing, setFixing] = useState(false);
  const [fixError, setFixError] = useState<Error | undefined>();
  const [outcome, setOutcome] = useState<FixOutcome | null>(null);

  if (version === null) return <p>This project has no version yet: save a spec first.</p>;
  const report = audit.data;
  const fixable = report?.findings.filter((f) => f.fix !== null).length ?? 0;

  async function applyFixes(from: number, before: AuditFinding[]) {
    setFixing(true);
    setFixError(undefined);
    try {
      const result = await api<FixResult>(`/projects/${project.id}/versions/${from}/fix`, {
        method: "POST",
      });
      const to = result.version?.number ?? null;
      setOutcome({ from, to, before, applied: result.applied.length });
      if (to !== null) {
        refresh();
        selectVersion(to);
      }
    } catch (error) {
      setFixError(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setFixing(false);
    }
  }

  return (
    <section aria-labelledby="findings-heading">
      <h2 id="findings-heading">Audit findings (v{version})</h2>
      {audit.error && <ErrorNote error={audit.error} />}
      {audit.loading && <Loading what="Auditing the spec" />}
      {report && (
        <>
          <p>{summaryText(report, fixable)}</p>
          {report.notes.map((note) => (
            <p key={note} className="muted">
              Note: {note}
            </p>
          ))}
          {allows(role, "editor") ? (
            <button
              type="button"
              className="primary"
              disabled={fixing || fixable === 0}
              onClick={() => void applyFixes(version, report.findings)}
            >
              {fixing ? "Applying fixes…" : `Apply ${fixable} safe fix${fixable === 1 ? "" : "es"}`}
            </button>
          ) : (
            <p className="muted">Editors can apply the safe fixes.</p>
          )}
        </>
      )}
      <ErrorNote error={fixError} />
      <FixStatus outcome={outcome} current={version} after={report?.findings} />
      {report && report.findings.length === 0 && <p className="ok">No findings.</p>}
      {report &&
        groupBySeverity(report.findings).map((group) => (
          <section key={group.severity} aria-labelledby={`sev-${group.severity}`}>
            <h3 id={`sev-${group.severity}`} className={`sev-${group.severity}`}>
              {group.severity[0]?.toUpperCase()}
              {group.severity.slice(1)} ({group.findings.length})
            </h3>
            <ul className="finding-list">
              {group.findings.map((finding) => (
                <FindingItem key={`${finding.rule}@${finding.path}`} finding={finding} />
              ))}
            </ul>
          </section>
        ))}
    </section>
  );
}

function summaryText(report: AuditReport, fixable: number): string {
  const { summary } = report;
  const counts = `${summary.critical} critical, ${summary.high} high, ${summary.medium} medium, ${summary.low} low`;
  return `${summary.total} finding${summary.total === 1 ? "" : "s"}: ${counts}; ${fixable} with a safe fix.`;
}

function FixStatus(props: {
  outcome: FixOutcome | null;
  current: number;
  after: AuditFinding[] | undefined;
}) {
  const { outcome, current, after } = props;
  if (!outcome) return <div role="status" />;
  if (outcome.to === null)
    return <div role="status">No safe fix applies to v{outcome.from}; nothing was saved.</div>;
  const loaded = outcome.to === current && after !== undefined;
  const gone = loaded ? resolvedFindings(outcome.before, after) : [];
  return (
    <div role="status" className="fix-status">
      <p>
        Applied {outcome.applied} fix{outcome.applied === 1 ? "" : "es"} to v{outcome.from}: saved
        as v{outcome.to}.
        {loaded && ` ${gone.length} finding${gone.length === 1 ? " is" : "s are"} gone:`}
      </p>
      {gone.length > 0 && (
        <ul className="fixed-list">
          {gone.map((f) => (
            <li key={`${f.rule}@${f.path}`}>
              <span className="rule-id">{f.rule}</span> {f.title} — <code>{f.path}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
