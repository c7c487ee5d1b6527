// One audit finding: rule, title, what and where, OWASP/CWE mapping, its safe fix, and
// (expandable) why the rule matters and how to fix it by hand.
import { locationOf, owaspLabels } from "./findings";
import type { AuditFinding } from "./types";

export function FindingItem({ finding }: { finding: AuditFinding }) {
  const owasp = owaspLabels(finding.owasp);
  return (
    <li className="finding card" data-rule={finding.rule}>
      <div className="finding-head">
        <span className="rule-id">{finding.rule}</span>
        <strong>{finding.title}</strong>
        <span className="muted">{finding.category}</span>
      </div>
      <p className="finding-message">{finding.message}</p>
      <dl className="finding-facts">
        <dt>Location</dt>
        <dd>
          <code>{locationOf(finding)}</code>
        </dd>
        <dt>OWASP API Top 10</dt>
        <dd>{owasp.length > 0 ? owasp.join("; ") : "not mapped"}</dd>
        {finding.cwe.length > 0 && (
          <>
            <dt>CWE</dt>
            <dd>{finding.cwe.join(", ")}</dd>
          </>
        )}
        <dt>Fix</dt>
        <dd>{finding.fix ? `safe fix: ${finding.fix}` : "needs a decision (no automatic fix)"}</dd>
      </dl>
      <details className="finding-why">
        <summary>Why / How to fix</summary>
        <h4>Why it matters</h4>
        <p>{finding.why}</p>
        <h4>How to fix</h4>
        <p>{finding.remedy}</p>
      </details>
    </li>
  );
}
