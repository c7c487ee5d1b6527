// The one way the UI talks to the InfraNest server: JSON over /api with the session cookie.

/** One entry of a 422 body: a spec diagnostic or a request-field error. */
export interface ProblemError {
  code?: string;
  level?: string;
  message: string;
  field?: string;
  file?: string;
  line?: number;
  column?: number;
  path?: string;
  hint?: string;
}

/** An error answer of the server ({detail, errors}), with its HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly errors: ProblemError[];

  constructor(status: number, detail: string, errors: ProblemError[] = []) {
    super(detail);
    this.name = "ApiError";
    this.status = status;
    this.errors = errors;
  }
}

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal;
}

const listeners = new Set<() => void>();

/** Called whenever the server answers 401: the session ended or never existed. */
export function onUnauthorized(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function problemOf(response: Response): Promise<ApiError> {
  let detail = `${response.status} ${response.statusText}`;
  let errors: ProblemError[] = [];
  try {
    const body = (await response.json()) as { detail?: unknown; errors?: ProblemError[] };
    if (typeof body.detail === "string") detail = body.detail;
    if (Array.isArray(body.errors)) errors = body.errors;
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, detail, errors);
}

/** Sends a request to `/api${path}` and returns the parsed JSON (undefined for 204). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const init: RequestInit = {
    method: options.method ?? "GET",
    credentials: "same-origin",
    headers: { Accept: "application/json" },
    signal: options.signal,
  };
  if (options.body !== undefined) {
    init.headers = { ...init.headers, "Content-Type": "application/json" };
    init.body = JSON.stringify(options.body);
  }
  const response = await fetch(`/api${path}`, init);
  if (response.status === 401) listeners.forEach((listener) => listener());
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The URL of a download (zip, report) under /api, for an <a href download>. */
export function apiUrl(path: string, query: Record<string, string | number> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) params.set(key, String(value));
  const suffix = params.toString();
  return `/api${path}${suffix ? `?${suffix}` : ""}`;
}
