// The WAI-ARIA tabs keys shared by every tab row: where focus goes from tab `index` of `count`.

/** The tab to move to for `key` (ArrowRight/ArrowLeft wrap, Home, End), or -1 for other keys. */
export function nextTabIndex(key: string, index: number, count: number): number {
  switch (key) {
    case "ArrowRight":
      return (index + 1) % count;
    case "ArrowLeft":
      return (index - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return -1;
  }
}
