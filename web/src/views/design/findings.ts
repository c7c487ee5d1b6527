// Pure helpers for the audit view: grouping by severity, OWASP names, locations.
import type { AuditFinding, Severity } from "./types";

/** Most severe first: the order the groups are shown in. */
export const SEVERITY_ORDER: readonly Severity[] = ["critical", "high", "medium", "low"];

/** The OWASP API Security Top 10 (2023) item titles, by id. */
export const OWASP_API: Readonly<Record<string, string>> = {
  API1: "Broken Object Level Authorization",
  API2: "Broken Authentication",
  API3: "Broken Object Property Level Authorization",
  API4: "Unrestricted Resource Consumption",
  API5: "Broken Function Level Authorization",
  API6: "Unrestricted Access to Sensitive Business Flows",
  API7: "Server Side Request Forgery",
  API8: "Security Misconfiguration",
  API9: "Improper Inventory Management",
  API10: "Unsafe Consumption of APIs",
};

export interface SeverityGroup {
  severity: Severity;
  findings: AuditFinding[];
}

/** The findings in one group per severity that has any, most severe first; order within a
 * group is kept. */
export function groupBySeverity(findings: readonly AuditFinding[]): SeverityGroup[] {
  return SEVERITY_ORDER.map((severity) => ({
    severity,
    findings: findings.filter((f) => f.severity === severity),
  })).filter((group) => group.findings.length > 0);
}

/** "API4 Unrestricted Resource Consumption" for each mapped item ("API4" if unknown). */
export function owaspLabels(ids: readonly string[]): string[] {
  return ids.map((id) => (OWASP_API[id] ? `${id} ${OWASP_API[id]}` : id));
}

/** Where a finding is: "spec.nest:7:3 · entities[Note].fields[body]" or just the path. */
export function locationOf(finding: AuditFinding): string {
  if (finding.line === null) return finding.path;
  const file = finding.file ?? "spec";
  return `${file}:${finding.line}:${finding.column ?? 1} · ${finding.path}`;
}

/** A stable key for a finding: rule and path (what a fix result names). */
export function findingKey(finding: { rule: string; path: string }): string {
  return `${finding.rule}@${finding.path}`;
}

/** Of the findings before a fix, those whose rule and path are no longer reported after. */
export function resolvedFindings(
  before: readonly AuditFinding[],
  after: readonly AuditFinding[],
): AuditFinding[] {
  const remaining = new Set(after.map(findingKey));
  return before.filter((f) => !remaining.has(findingKey(f)));
}
