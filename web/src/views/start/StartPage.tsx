// The guided start: describe the backend, answer the adaptive questions one at a time while
// the draft spec takes shape beside them, then save it into a project.
import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router";

import { api, ApiError } from "../../api/client";
import type { Project } from "../../api/types";
import { NestEditor } from "../../components/NestEditor";
import { ErrorNote } from "../../components/Status";
import { DescribeStep } from "./DescribeStep";
import { progressOf, projectName } from "./intake";
import type { IntakeOut } from "./intake";
import { QuestionStep } from "./QuestionStep";
import { SaveStep } from "./SaveStep";
import type { SaveTarget } from "./SaveStep";
import "../../components/forms.css";
import "./start.css";

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

export function StartPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [conversation, setConversation] = useState<IntakeOut | null>(null);
  const [description, setDescription] = useState("");
  const [finished, setFinished] = useState(false);
  const [busy, setBusy] = useState(false);
  const [answerError, setAnswerError] = useState("");
  const [error, setError] = useState<Error | undefined>();
  const workspace = Number(params.get("workspace")) || null;

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (reason) {
      setError(asError(reason));
    } finally {
      setBusy(false);
    }
  }

  const start = (text: string) =>
    run(async () => {
      setConversation(await api<IntakeOut>("/intake", { method: "POST", body: { text } }));
      setDescription(text);
      setFinished(false);
    });

  async function answer(value: string) {
    if (!conversation?.question) return;
    setAnswerError("");
    setBusy(true);
    try {
      const out = await api<IntakeOut>(`/intake/${conversation.id}/answers`, {
        method: "POST",
        body: { question_id: conversation.question.id, value },
      });
      setConversation(out);
    } catch (reason) {
      if (reason instanceof ApiError && reason.status === 422) setAnswerError(reason.message);
      else setError(asError(reason));
    } finally {
      setBusy(false);
    }
  }

  const save = (target: SaveTarget) =>
    run(async () => {
      if (!conversation) return;
      let projectId: number;
      if (typeof target.project === "number") projectId = target.project;
      else {
        const created = await api<Project>(`/workspaces/${target.workspace}/projects`, {
          method: "POST",
          body: { name: target.project.name, description: description.slice(0, 10_000) },
        });
        projectId = created.id;
      }
      await api(`/intake/${conversation.id}/save`, {
        method: "POST",
        body: { project_id: projectId, message: "from the guided start" },
      });
      navigate(`/projects/${projectId}/spec`);
    });

  const done = conversation !== null && (finished || conversation.question === null);
  return (
    <div className="start-page">
      <h1>Describe a backend</h1>
      <ErrorNote error={error} />
      {conversation === null ? (
        <DescribeStep onStart={(text) => void start(text)} busy={busy} />
      ) : (
        <div className="start-grid">
          <section aria-label="Questions" className="start-questions">
            {!done && conversation.question ? (
              <QuestionStep
                question={conversation.question}
                progress={progressOf(conversation)}
                busy={busy}
                error={answerError}
                onAnswer={(value) => void answer(value)}
                onFinish={() => setFinished(true)}
              />
            ) : (
              <>
                <p role="status">
                  {conversation.answered.length === 0
                    ? "The description settled every question."
                    : `All done: ${conversation.answered.length} questions answered.`}
                </p>
                <SaveStep
                  initialWorkspace={workspace}
                  suggestedName={projectName(conversation.spec)}
                  busy={busy}
                  onSave={(target) => void save(target)}
                />
              </>
            )}
            <Answered conversation={conversation} />
            <button type="button" className="link-button" onClick={() => setConversation(null)}>
              Start over with another description
            </button>
          </section>
          <section aria-labelledby="draft-heading" className="start-draft">
            <h2 id="draft-heading">Draft spec</h2>
            <p className="visually-hidden" role="status" aria-live="polite">
              Draft updated: {conversation.spec.split("\n").length} lines.
            </p>
            <NestEditor value={conversation.spec} readOnly label="Draft spec (read-only)" />
          </section>
        </div>
      )}
    </div>
  );
}

function Answered({ conversation }: { conversation: IntakeOut }) {
  if (conversation.answered.length === 0 && conversation.notes.length === 0) return null;
  return (
    <details className="answered">
      <summary>Answers and notes so far</summary>
      <ul>
        {conversation.answered.map((a) => (
          <li key={a.question_id}>
            <span className="mono">{a.question_id}</span>: {a.answer}
          </li>
        ))}
        {conversation.notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </details>
  );
}
