// The finding item's "Why / How to fix" disclosure: closed at first, the rule's rationale
// and remedy inside, opened by its summary (a native <details>: keyboard operable).
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { FindingItem } from "./FindingItem";
import type { AuditFinding } from "./types";

const FINDING: AuditFinding = {
  rule: "SEC011",
  title: "Credential returned in responses",
  severity: "high",
  category: "security",
  owasp: ["API3"],
  cwe: ["CWE-200"],
  message: "Key.api_key looks like a credential",
  path: "entities[Key].fields[api_key]",
  file: "spec.nest",
  line: 10,
  column: 3,
  fix: "make Key.api_key writeonly",
  why: "A secret in a response is a secret leaked.",
  remedy: "Mark the field writeonly.",
};

afterEach(cleanup);

describe("FindingItem", () => {
  it("shows why the rule matters and how to fix it in a disclosure", () => {
    render(
      <ul>
        <FindingItem finding={FINDING} />
      </ul>,
    );
    const summary = screen.getByText("Why / How to fix");
    const details = summary.closest("details");
    expect(details).not.toBeNull();
    expect(details?.open).toBe(false);
    expect(details?.textContent).toContain(FINDING.why);
    expect(details?.textContent).toContain(FINDING.remedy);
    fireEvent.click(summary);
    expect(details?.open).toBe(true);
  });
});
