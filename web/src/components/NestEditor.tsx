// A CodeMirror 6 editor for .nest text: highlighting, optional live lint through
// POST /api/specs/check, read-only mode. The parent owns the text; changes made outside
// (ER edits, Format) are applied as one minimal change.
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { bracketMatching } from "@codemirror/language";
import { lintGutter, lintKeymap, linter } from "@codemirror/lint";
import type { Diagnostic } from "@codemirror/lint";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { Annotation, EditorState } from "@codemirror/state";
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { useEffect, useRef } from "react";

import { api } from "../api/client";
import type { ProblemError } from "../api/client";
import { nestHighlighting } from "../lib/nest/highlight";
import { nestLanguage } from "../lib/nest/language";
import { toDiagnostic } from "../lib/nest/lint";
import { minimalChange } from "../lib/nest/textChange";

interface CheckOut {
  valid: boolean;
  format: string;
  diagnostics: ProblemError[];
}

export interface NestEditorProps {
  value: string;
  onChange?: (text: string) => void;
  readOnly?: boolean;
  /** The accessible name of the text area. */
  label: string;
  /** Check the text on the server while typing and mark the problems. */
  lint?: boolean;
  /** Called with the server's diagnostics after each check. */
  onDiagnostics?: (found: ProblemError[]) => void;
  id?: string;
}

const External = Annotation.define<boolean>();

const theme = EditorView.theme({
  "&": {
    backgroundColor: "var(--code-bg)",
    color: "var(--fg)",
    border: "1px solid var(--border)",
    borderRadius: "6px",
    height: "100%",
  },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" },
  ".cm-content": { caretColor: "var(--fg)" },
  ".cm-gutters": {
    backgroundColor: "var(--bg-soft)",
    color: "var(--muted)",
    borderRight: "1px solid var(--border)",
  },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "var(--bg-soft)" },
  "&.cm-focused": { outline: "3px solid var(--focus)" },
  ".cm-tooltip": { backgroundColor: "var(--bg)", color: "var(--fg)" },
});

async function check(view: EditorView, report?: (found: ProblemError[]) => void) {
  const text = view.state.doc.toString();
  try {
    const out = await api<CheckOut>("/specs/check", { method: "POST", body: { text } });
    report?.(out.diagnostics);
    if (view.state.doc.toString() !== text) return [];
    return out.diagnostics.map((d): Diagnostic => toDiagnostic(view.state.doc, d));
  } catch {
    return [];
  }
}

export function NestEditor({
  value,
  onChange,
  readOnly = false,
  label,
  lint = false,
  onDiagnostics,
  id,
}: NestEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const callbacks = useRef({ onChange, onDiagnostics });
  const initial = useRef(value);

  useEffect(() => {
    callbacks.current = { onChange, onDiagnostics };
  });

  useEffect(() => {
    if (!host.current) return;
    const extensions = [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightActiveLine(),
      drawSelection(),
      history(),
      bracketMatching(),
      highlightSelectionMatches(),
      keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap]),
      nestLanguage,
      nestHighlighting,
      theme,
      EditorState.readOnly.of(readOnly),
      EditorView.contentAttributes.of({
        "aria-label": label,
        tabindex: "0",
        ...(id ? { id } : {}),
      }),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        if (update.transactions.some((t) => t.annotation(External))) return;
        callbacks.current.onChange?.(update.state.doc.toString());
      }),
      lint
        ? [
            linter((v) => check(v, (found) => callbacks.current.onDiagnostics?.(found)), {
              delay: 500,
            }),
            lintGutter(),
          ]
        : [],
    ];
    const created = new EditorView({
      state: EditorState.create({ doc: initial.current, extensions }),
      parent: host.current,
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
  }, [readOnly, lint, label, id]);

  useEffect(() => {
    initial.current = value;
    const current = view.current;
    if (!current) return;
    const change = minimalChange(current.state.doc.toString(), value);
    if (!change) return;
    current.dispatch({ changes: change, annotations: External.of(true) });
  }, [value]);

  return <div className="nest-editor" ref={host} />;
}
