import { describe, expect, it } from "vitest";

import { groupBySeverity, locationOf, owaspLabels, resolvedFindings } from "./findings";
import type { AuditFinding } from "./types";

function finding(rule: string, severity: AuditFinding["severity"], path = "entities[Note]") {
  return {
    rule,
    title: rule,
    severity,
    category: "security",
    owasp: [],
    cwe: [],
    message: "m",
    path,
    file: "spec.nest",
    line: 5,
    column: 3,
    fix: null,
    why: "w",
    remedy: "r",
  } satisfies AuditFinding;
}

describe("findings", () => {
  it("groups by severity, most severe first, keeping order within a group", () => {
    const groups = groupBySeverity([
      finding("A", "low"),
      finding("B", "critical"),
      finding("C", "low"),
    ]);
    expect(groups.map((g) => [g.severity, g.findings.map((f) => f.rule)])).toEqual([
      ["critical", ["B"]],
      ["low", ["A", "C"]],
    ]);
  });

  it("names OWASP items and locations", () => {
    expect(owaspLabels(["API4", "API99"])).toEqual([
      "API4 Unrestricted Resource Consumption",
      "API99",
    ]);
    expect(locationOf(finding("A", "low"))).toBe("spec.nest:5:3 · entities[Note]");
    expect(locationOf({ ...finding("A", "low"), line: null })).toBe("entities[Note]");
  });

  it("finds what a fix removed by rule and path", () => {
    const before = [finding("A", "low", "x"), finding("A", "low", "y"), finding("B", "high")];
    const after = [finding("A", "low", "y")];
    expect(resolvedFindings(before, after).map((f) => `${f.rule}@${f.path}`)).toEqual([
      "A@x",
      "B@entities[Note]",
    ]);
  });
});
