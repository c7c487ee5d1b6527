// Searching the generated files: by path, by content, and matches within one file.

/** Case-insensitive: does `text` contain `query`? (An empty query matches everything.) */
export function contains(text: string, query: string): boolean {
  return text.toLowerCase().includes(query.trim().toLowerCase());
}

/** The paths to show for `query`: those whose path matches, and those whose loaded
 * content matches (`contents` holds the files loaded so far). */
export function matchingPaths(
  paths: readonly string[],
  query: string,
  contents: ReadonlyMap<string, string> = new Map(),
): Set<string> {
  const q = query.trim();
  if (q === "") return new Set(paths);
  return new Set(
    paths.filter((path) => {
      if (contains(path, q)) return true;
      const text = contents.get(path);
      return text !== undefined && contains(text, q);
    }),
  );
}

export interface Match {
  from: number;
  to: number;
}

/** Every case-insensitive, non-overlapping occurrence of `query` in `text`. */
export function findMatches(text: string, query: string): Match[] {
  const q = query.trim().toLowerCase();
  if (q === "") return [];
  const haystack = text.toLowerCase();
  const out: Match[] = [];
  for (let at = haystack.indexOf(q); at >= 0; at = haystack.indexOf(q, at + q.length)) {
    out.push({ from: at, to: at + q.length });
  }
  return out;
}

/** The match after (step 1) or before (step -1) `current`, wrapping around; -1 if none. */
export function stepMatch(current: number, count: number, step: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return step === 1 ? 0 : count - 1;
  return (current + step + count) % count;
}

/** The 1-based line of an offset in `text`. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) if (text[i] === "\n") line += 1;
  return line;
}
