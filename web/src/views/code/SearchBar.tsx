// The search box of the code view: filters the tree by path (and content on request) and
// steps through the matches in the open file.
import type { KeyboardEvent } from "react";

import { stepMatch } from "./search";

export interface SearchBarProps {
  query: string;
  onQuery: (query: string) => void;
  inContents: boolean;
  onInContents: (on: boolean) => void;
  shown: number;
  total: number;
  loading: boolean;
  matches: number;
  current: number;
  onStep: (index: number) => void;
  fileName: string | null;
}

export function SearchBar(props: SearchBarProps) {
  const { query, matches, current, onStep } = props;
  const step = (direction: 1 | -1) => onStep(stepMatch(current, matches, direction));

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    step(event.shiftKey ? -1 : 1);
  }

  const inFile =
    props.fileName === null || query.trim() === ""
      ? ""
      : matches === 0
        ? ` No match in ${props.fileName}.`
        : ` Match ${current < 0 ? "–" : current + 1} of ${matches} in ${props.fileName}.`;

  return (
    <div className="search-bar" role="search">
      <label htmlFor="code-search">Search files</label>
      <input
        id="code-search"
        type="search"
        value={query}
        placeholder="path or text"
        onChange={(e) => props.onQuery(e.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby="code-search-status"
      />
      <label className="check">
        <input
          type="checkbox"
          checked={props.inContents}
          onChange={(e) => props.onInContents(e.target.checked)}
        />{" "}
        Also search file contents
      </label>
      <div className="search-steps">
        <button type="button" onClick={() => step(-1)} disabled={matches === 0}>
          Previous match
        </button>
        <button type="button" onClick={() => step(1)} disabled={matches === 0}>
          Next match
        </button>
      </div>
      <p id="code-search-status" className="muted" role="status" aria-live="polite">
        {query.trim() === ""
          ? `${props.total} files.`
          : `${props.shown} of ${props.total} files match.`}
        {props.loading && " Searching contents…"}
        {inFile}
      </p>
    </div>
  );
}
