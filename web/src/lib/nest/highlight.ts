// The colours of highlighted .nest (and any Lezer-tagged) code: CSS variables set per theme
// in nest.css, so both themes keep AA contrast.
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { tags } from "@lezer/highlight";

import "./nest.css";

export const nestHighlightStyle = HighlightStyle.define([
  { tag: tags.keyword, color: "var(--syn-keyword)", fontWeight: "600" },
  { tag: [tags.typeName, tags.className], color: "var(--syn-type)" },
  { tag: tags.definition(tags.typeName), color: "var(--syn-type)", fontWeight: "600" },
  { tag: tags.propertyName, color: "var(--syn-property)" },
  { tag: tags.modifier, color: "var(--syn-modifier)" },
  { tag: tags.string, color: "var(--syn-string)" },
  { tag: tags.number, color: "var(--syn-number)" },
  { tag: tags.atom, color: "var(--syn-atom)" },
  { tag: tags.comment, color: "var(--syn-comment)", fontStyle: "italic" },
  { tag: tags.operator, color: "var(--syn-operator)" },
]);

export const nestHighlighting = syntaxHighlighting(nestHighlightStyle);
