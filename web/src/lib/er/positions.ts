// Where the user dragged each entity, remembered per project in localStorage.
import type { Point } from "./graph";

const PREFIX = "infranest-er-positions:";

export function loadPositions(project: string | number): Record<string, Point> {
  try {
    const raw = localStorage.getItem(`${PREFIX}${project}`);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (typeof parsed !== "object" || parsed === null) return {};
    const out: Record<string, Point> = {};
    for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
      const point = value as Partial<Point> | null;
      if (typeof point?.x === "number" && typeof point.y === "number") {
        out[name] = { x: point.x, y: point.y };
      }
    }
    return out;
  } catch {
    return {};
  }
}

export function savePositions(project: string | number, positions: Record<string, Point>): void {
  localStorage.setItem(`${PREFIX}${project}`, JSON.stringify(positions));
}
