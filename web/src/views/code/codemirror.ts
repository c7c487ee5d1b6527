// CodeMirror setup for read-only generated files: the language, a theme-aware highlight
// style (colours from code.css variables) and the search matches as decorations.
import { go } from "@codemirror/lang-go";
import { javascript } from "@codemirror/lang-javascript";
import { json } from "@codemirror/lang-json";
import { python } from "@codemirror/lang-python";
import { yaml } from "@codemirror/lang-yaml";
import { HighlightStyle, StreamLanguage } from "@codemirror/language";
import { ruby } from "@codemirror/legacy-modes/mode/ruby";
import { StateEffect, StateField } from "@codemirror/state";
import type { Extension, Range } from "@codemirror/state";
import { Decoration, EditorView } from "@codemirror/view";
import type { DecorationSet } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

import type { Syntax } from "./language";
import type { Match } from "./search";

/** The CodeMirror language support for a syntax (none for plain text). */
export function languageExtension(syntax: Syntax | null): Extension {
  switch (syntax) {
    case "python":
      return python();
    case "javascript":
      return javascript({ jsx: true });
    case "typescript":
      return javascript({ typescript: true, jsx: true });
    case "go":
      return go();
    case "json":
      return json();
    case "yaml":
      return yaml();
    case "ruby":
      return StreamLanguage.define(ruby);
    default:
      return [];
  }
}

const v = (name: string) => `var(--tok-${name})`;

/** Token colours: CSS variables, so both themes keep 4.5:1 contrast. */
export const highlightStyle = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.operatorKeyword, t.modifier], color: v("keyword") },
  { tag: [t.string, t.special(t.string), t.regexp], color: v("string") },
  { tag: [t.comment, t.lineComment, t.blockComment, t.docComment], color: v("comment") },
  { tag: [t.number, t.bool, t.null, t.atom], color: v("number") },
  {
    tag: [t.function(t.variableName), t.function(t.propertyName), t.definition(t.variableName)],
    color: v("function"),
  },
  { tag: [t.typeName, t.className, t.namespace], color: v("type") },
  { tag: [t.propertyName, t.attributeName], color: v("property") },
  { tag: [t.meta, t.processingInstruction], color: v("comment") },
]);

export const viewerTheme = EditorView.theme({
  "&": { backgroundColor: "var(--code-bg)", color: "var(--fg)", height: "100%" },
  ".cm-content": { caretColor: "var(--fg)" },
  ".cm-gutters": {
    backgroundColor: "var(--bg-soft)",
    color: "var(--muted)",
    borderRight: "1px solid var(--border)",
  },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "transparent" },
  ".cm-search-match": { backgroundColor: "var(--match-bg)", outline: "1px solid var(--border)" },
  ".cm-search-current": {
    backgroundColor: "var(--match-current-bg)",
    outline: "2px solid var(--focus)",
  },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground": {
    backgroundColor: "var(--selection-bg)",
  },
});

export const setMatches = StateEffect.define<{ matches: Match[]; current: number }>();

const matchMark = Decoration.mark({ class: "cm-search-match" });
const currentMark = Decoration.mark({ class: "cm-search-current" });

/** The search matches of the open file, the current one marked apart. */
export const matchField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(set, transaction) {
    let next = set.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(setMatches)) continue;
      const { matches, current } = effect.value;
      const ranges: Range<Decoration>[] = matches.map((m, index) =>
        (index === current ? currentMark : matchMark).range(m.from, m.to),
      );
      next = Decoration.set(ranges, true);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});
