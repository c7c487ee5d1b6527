// A generated file, highlighted and read-only (CodeMirror), with search matches marked and
// the current match scrolled into view.
import { syntaxHighlighting } from "@codemirror/language";
import { EditorSelection, EditorState } from "@codemirror/state";
import { EditorView, lineNumbers } from "@codemirror/view";
import { useEffect, useRef } from "react";

import {
  highlightStyle,
  languageExtension,
  matchField,
  setMatches,
  viewerTheme,
} from "./codemirror";
import { syntaxOf } from "./language";
import type { Match } from "./search";

export interface CodeViewerProps {
  path: string;
  text: string;
  matches: Match[];
  current: number;
}

export function CodeViewer({ path, text, matches, current }: CodeViewerProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);

  useEffect(() => {
    if (!host.current) return;
    const state = EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        EditorState.readOnly.of(true),
        EditorView.contentAttributes.of({
          "aria-label": `Contents of ${path} (read-only)`,
          "aria-readonly": "true",
          tabindex: "0",
        }),
        languageExtension(syntaxOf(path)),
        syntaxHighlighting(highlightStyle),
        viewerTheme,
        matchField,
      ],
    });
    const created = new EditorView({ state, parent: host.current });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
  }, [path, text]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const match = matches[current];
    editor.dispatch({
      effects: [
        setMatches.of({ matches, current }),
        ...(match ? [EditorView.scrollIntoView(match.from, { y: "center" })] : []),
      ],
      selection: match ? EditorSelection.single(match.from, match.to) : undefined,
    });
  }, [matches, current, path, text]);

  return <div ref={host} className="code-viewer" data-path={path} />;
}
