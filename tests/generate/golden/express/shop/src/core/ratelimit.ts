/**
 * Fixed-window rate limits per user, client address, tenant or globally.
 *
 * An in-process limiter: the contract's scopes need the authenticated caller, known only
 * inside the route. Behind several instances, back `RateLimiter` with a shared store.
 */
import { HttpError } from "./errors.js";

export type Period = "second" | "minute" | "hour" | "day";

export interface Limit {
  count: number;
  period: Period;
  scope: "user" | "ip" | "tenant" | "global";
}

export interface Subject {
  ip: string;
  userId: number | null;
  tenantId?: number | null;
}

const PERIODS: Record<Period, number> = { second: 1, minute: 60, hour: 3600, day: 86400 };

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly enabled: boolean) {}

  /** Record a hit; 0 when allowed, else the seconds until the window ends. */
  hit(key: string, limit: Limit, now: number = Date.now() / 1000): number {
    const seconds = PERIODS[limit.period];
    const window = Math.floor(now / seconds);
    const current = this.windows.get(key);
    const entry = current?.start === window ? current : { start: window, count: 0 };
    if (entry.count >= limit.count) {
      return Math.max(1, Math.ceil((window + 1) * seconds - now));
    }
    this.windows.set(key, { start: window, count: entry.count + 1 });
    return 0;
  }

  /** Throw 429 with `Retry-After` when any of `limits` is exhausted for `subject`. */
  enforce(operation: string, limits: readonly Limit[], subject: Subject): void {
    if (!this.enabled) {
      return;
    }
    limits.forEach((limit, index) => {
      const user = subject.userId === null ? `ip:${subject.ip}` : `user:${subject.userId}`;
      const keys = {
        user,
        ip: `ip:${subject.ip}`,
        tenant: subject.tenantId == null ? user : `tenant:${subject.tenantId}`,
        global: "global",
      };
      const wait = this.hit(`${operation}:${index}:${keys[limit.scope]}`, limit);
      if (wait > 0) {
        throw new HttpError(429, "Too many requests.", [], { "Retry-After": String(wait) });
      }
    });
  }

  reset(): void {
    this.windows.clear();
  }
}
