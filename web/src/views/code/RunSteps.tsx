// One verification run's status and steps as a table that updates while it runs.
import { useEffect, useState } from "react";

import { countsText, formatSeconds, isFinished, stepSeconds } from "./verify";
import type { RunView, VerifyRun } from "./verify";

const ICONS: Record<string, string> = {
  pending: "○",
  running: "◔",
  passed: "✓",
  failed: "✗",
  skipped: "–",
};

export function RunSteps(props: {
  run: VerifyRun;
  receivedAt: number;
  connection: RunView["connection"];
}) {
  const { run, receivedAt, connection } = props;
  const [now, setNow] = useState(() => Date.now());
  const live = !isFinished(run.status);

  useEffect(() => {
    if (!live) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [live]);

  const active = run.steps.find((s) => s.status === "running");
  return (
    <>
      <p role="status" aria-live="polite" className={`run-status run-${run.status}`}>
        Run #{run.id}: <strong>{run.status}</strong>
        {active ? ` — ${active.name}` : ""}
        {run.error ? ` (${run.error})` : ""}
        {connection === "reconnecting" ? " · reconnecting to the live updates…" : ""}
      </p>
      <table className="run-steps">
        <caption>Steps of run #{run.id}</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Status</th>
            <th scope="col">Result</th>
            <th scope="col" className="num">
              Duration
            </th>
          </tr>
        </thead>
        <tbody>
          {run.steps.map((step) => (
            <tr key={step.name} data-step={step.name} data-status={step.status}>
              <th scope="row">{step.name}</th>
              <td className={`step-${step.status}`}>
                <span aria-hidden="true">{ICONS[step.status] ?? ""} </span>
                {step.status}
              </td>
              <td>
                {step.summary}
                {Object.keys(step.counts).length > 0 && (
                  <div className="muted">{countsText(step.counts)}</div>
                )}
              </td>
              <td className="num">
                {step.status === "pending" || step.status === "skipped"
                  ? ""
                  : formatSeconds(stepSeconds(step, receivedAt, now))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
