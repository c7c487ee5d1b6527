/** What every request handler reaches through `req.app.locals`. */
import type { Request, Response } from "express";

import type { Settings } from "./config.js";
import type { IdempotencyStore } from "./core/idempotency.js";
import type { Metrics } from "./core/metrics.js";
import type { RateLimiter } from "./core/ratelimit.js";
import type { Database } from "./db/database.js";
import type { Logger } from "./logger.js";

export interface AppContext {
  settings: Settings;
  database: Database;
  logger: Logger;
  limiter: RateLimiter;
  idempotency: IdempotencyStore;
  metrics: Metrics;
}

/** The signed-in user (a row of the users table). */
export interface User {
  id: number;
  role: string | null;
  is_active: boolean | number;
  [column: string]: unknown;
}

export function appContext(req: Request): AppContext {
  return (req.app.locals as { context: AppContext }).context;
}

/** The caller the authentication middleware found, or null. */
export function caller(res: Response): User | null {
  return (res.locals as { user?: User | null }).user ?? null;
}
