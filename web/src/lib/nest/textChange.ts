// The smallest single replacement that turns one text into another, so an edit made outside
// the editor (an ER edit, Format) keeps the cursor and the undo history meaningful.

export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

export function minimalChange(before: string, after: string): TextChange | null {
  if (before === after) return null;
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before[start] === after[start]) start += 1;
  let end = 0;
  while (
    end < shorter - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) {
    end += 1;
  }
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) };
}
