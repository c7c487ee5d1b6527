// Which syntax a generated file is highlighted with, from its name.

export type Syntax = "python" | "javascript" | "typescript" | "go" | "json" | "yaml" | "ruby";

const BY_EXTENSION: Readonly<Record<string, Syntax>> = {
  py: "python",
  pyi: "python",
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsx: "javascript",
  ts: "typescript",
  tsx: "typescript",
  mts: "typescript",
  go: "go",
  json: "json",
  yml: "yaml",
  yaml: "yaml",
  rb: "ruby",
  rake: "ruby",
  ru: "ruby",
  gemspec: "ruby",
};

const BY_NAME: Readonly<Record<string, Syntax>> = {
  Gemfile: "ruby",
  Rakefile: "ruby",
  Guardfile: "ruby",
};

/** The syntax for a path, or null for plain text (Dockerfile, Markdown, SQL, ...). */
export function syntaxOf(path: string): Syntax | null {
  const name = path.split("/").at(-1) ?? path;
  if (BY_NAME[name]) return BY_NAME[name];
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return null;
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? null;
}
