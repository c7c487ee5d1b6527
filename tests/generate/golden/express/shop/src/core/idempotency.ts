/** Replays of requests repeated with the same `Idempotency-Key` (kept 24 hours). */
import { z } from "zod";

import { parse } from "./errors.js";

export const IDEMPOTENCY_HEADER = "idempotency-key";
const TTL_MS = 24 * 60 * 60 * 1000;
const headerSchema = z.string().min(1).max(255).optional();

export interface Stored {
  status: number;
  body: unknown;
  expires: number;
}

export class IdempotencyStore {
  private readonly answers = new Map<string, Stored>();

  /** The validated key of a request (422 when malformed), or undefined. */
  static key(header: string | string[] | undefined): string | undefined {
    return parse(headerSchema, header, "Idempotency-Key");
  }

  get(key: string, now: number = Date.now()): Stored | undefined {
    const found = this.answers.get(key);
    if (found !== undefined && found.expires <= now) {
      this.answers.delete(key);
      return undefined;
    }
    return found;
  }

  put(key: string, status: number, body: unknown, now: number = Date.now()): void {
    this.answers.set(key, { status, body, expires: now + TTL_MS });
  }
}

export interface Answer {
  status: number;
  body: unknown;
}

/**
 * Run `work` once per `Idempotency-Key`: a repeated key (from the same caller, for the same
 * operation and path) gets the first answer again. Without a key, `work` simply runs.
 */
export async function once(
  store: IdempotencyStore,
  header: string | string[] | undefined,
  scope: string,
  work: () => Promise<Answer>,
): Promise<Answer> {
  const key = IdempotencyStore.key(header);
  if (key === undefined) {
    return work();
  }
  const stored = store.get(`${scope}:${key}`);
  if (stored !== undefined) {
    return { status: stored.status, body: stored.body };
  }
  const answer = await work();
  store.put(`${scope}:${key}`, answer.status, answer.body);
  return answer;
}
