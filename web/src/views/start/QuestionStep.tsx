// Step 2: the open question, one at a time, with its choices and the recommended answer.
import { useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";

import type { IntakeQuestion, Progress } from "./intake";

export function QuestionStep({
  question,
  progress,
  busy,
  error,
  onAnswer,
  onFinish,
}: {
  question: IntakeQuestion;
  progress: Progress;
  busy: boolean;
  error: string;
  onAnswer: (value: string) => void;
  onFinish: () => void;
}) {
  const [choice, setChoice] = useState(question.default);
  const [other, setOther] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    setChoice(question.default);
    setOther("");
    heading.current?.focus();
  }, [question.id, question.default]);

  const custom = question.free_text && choice === "__other";
  function submit(event: FormEvent) {
    event.preventDefault();
    onAnswer(custom ? other.trim() : choice);
  }

  const number = progress.answered + 1;
  return (
    <form className="question stack" onSubmit={submit} aria-describedby="question-why">
      <div className="progress-line">
        <label htmlFor="intake-progress">
          Question {number}
          {progress.estimated ? ` of ${progress.expected}` : " (more may follow)"}
        </label>
        <progress id="intake-progress" value={progress.answered} max={progress.expected}>
          {progress.answered} of {progress.expected} answered
        </progress>
        <span className="muted">
          {progress.answered} answered
          {progress.estimated ? ` of ${progress.expected} expected` : " so far"}
        </span>
      </div>
      <fieldset>
        <legend>
          <h2 ref={heading} tabIndex={-1}>
            {question.text}
          </h2>
        </legend>
        <p id="question-why" className="muted help">
          {question.why}
        </p>
        {question.choices.map((value) => (
          <label key={value} className="check-label choice">
            <input
              type="radio"
              name={`q-${question.id}`}
              value={value}
              checked={choice === value}
              onChange={() => setChoice(value)}
            />
            <span className="mono">{value}</span>
            {value === question.default && <span className="recommended">recommended</span>}
          </label>
        ))}
        {question.free_text && (
          <label className="check-label choice">
            <input
              type="radio"
              name={`q-${question.id}`}
              value="__other"
              checked={custom}
              onChange={() => setChoice("__other")}
            />
            Something else
          </label>
        )}
        {custom && (
          <>
            <label htmlFor="intake-other">Your answer</label>
            <input id="intake-other" value={other} onChange={(e) => setOther(e.target.value)} />
          </>
        )}
      </fieldset>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={busy || (custom && !other.trim())}>
          Answer
        </button>
        <button type="button" onClick={() => onAnswer(question.default)} disabled={busy}>
          Take the recommended answer
        </button>
        <button type="button" onClick={onFinish} disabled={busy}>
          Finish with recommended answers
        </button>
      </div>
    </form>
  );
}
