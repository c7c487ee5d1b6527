/** A fresh service on an in-memory SQLite database for each test, and signed-in callers. */
import type { Express } from "express";

import { createApp } from "../src/app.js";
import { loadSettings, type Settings } from "../src/config.js";
import type { AppContext } from "../src/context.js";
import { issueToken } from "../src/core/security.js";
import { connect, type Database } from "../src/db/database.js";
import { migrate } from "../src/db/migrations.js";
import * as crud from "../src/http/crud.js";
import { userDef } from "../src/routes/auth.js";

export interface TestApp {
  app: Express;
  ctx: AppContext;
  database: Database;
  settings: Settings;
  /** A counter for unique sample values. */
  next: () => number;
}

export interface Caller {
  id: number;
  role: string | null;
  headers: Record<string, string>;
}

export const TEST_ENV = {
  ENVIRONMENT: "test",
  DATABASE_URL: "sqlite://:memory:",
  SECRET_KEY: "a-test-secret-key-of-some-length",
  RATE_LIMIT_ENABLED: "false",
  LOG_LEVEL: "silent",
};

export async function setup(env: Record<string, string> = {}): Promise<TestApp> {
  const settings = loadSettings({ ...TEST_ENV, ...env });
  const database = connect(settings.databaseUrl);
  await migrate(database);
  const app = createApp(settings, database);
  let counter = 0;
  return {
    app,
    ctx: (app.locals as { context: AppContext }).context,
    database,
    settings,
    next: () => (counter += 1),
  };
}

/** The `n`-th of `values`, cycling. */
export function pick<T>(values: readonly T[], n: number): T {
  return values[(n - 1) % values.length] as T;
}

export async function teardown(t: TestApp): Promise<void> {
  await t.database.db.destroy();
}

/** A user with `role` and a valid access token. */
export async function signIn(t: TestApp, role: string | null): Promise<Caller> {
  const n = t.next();
  const row = await crud.create(t.ctx, userDef, null, {
    email: `user${n}@example.com`,
    hashed_password: "!",
    role,
    is_active: crud.encode("bool", true, t.database.dialect),
  });
  const id = Number(row.id);
  return { id, role, headers: { Authorization: `Bearer ${issueToken(t.settings, id, "access")}` } };
}
