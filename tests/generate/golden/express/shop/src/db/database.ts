/** The database connection: SQLite (better-sqlite3) or PostgreSQL (pg), chosen by URL. */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";

export type Row = Record<string, unknown>;
/** Tables are addressed by name: resources describe their columns at run time. */
export type Tables = Record<string, Row>;
export type Dialect = "sqlite" | "postgres";

export interface Database {
  db: Kysely<Tables>;
  dialect: Dialect;
}

const SQLITE_PREFIX = "sqlite://";
const POSTGRES_URL = /^postgres(?:ql|)(?:\+[a-z0-9]+|):\/\//i;

/** The file (or `:memory:`) a `sqlite:///relative` or `sqlite:////absolute` URL names. */
export function sqlitePath(url: string): string {
  const rest = url.slice(SQLITE_PREFIX.length);
  if (rest === "" || rest === "/" || rest === "/:memory:" || rest === ":memory:") {
    return ":memory:";
  }
  return rest.startsWith("/") ? rest.slice(1) : rest;
}

let parsersInstalled = false;

/** Answer bigint counts and ids as numbers, dates and times as ISO strings. */
function installParsers(): void {
  if (parsersInstalled) {
    return;
  }
  parsersInstalled = true;
  const { types } = pg;
  types.setTypeParser(types.builtins.INT8, (value: string) => Number(value));
  types.setTypeParser(types.builtins.DATE, (value: string) => value);
  types.setTypeParser(types.builtins.TIME, (value: string) => value);
  types.setTypeParser(types.builtins.TIMESTAMPTZ, (value: string) => new Date(value).toISOString());
  types.setTypeParser(types.builtins.TIMESTAMP, (value: string) =>
    new Date(`${value}Z`).toISOString(),
  );
}

/** Open the database `url` names (`sqlite:///...` or `postgresql://...`). */
export function connect(url: string): Database {
  if (url.startsWith(SQLITE_PREFIX)) {
    const path = sqlitePath(url);
    if (path !== ":memory:") {
      // eslint-disable-next-line security/detect-non-literal-fs-filename -- the folder of DATABASE_URL, set by the operator, never by a request
      mkdirSync(dirname(path), { recursive: true });
    }
    const database = new SQLite(path);
    database.pragma("foreign_keys = ON");
    if (path !== ":memory:") {
      database.pragma("journal_mode = WAL");
    }
    return { db: new Kysely<Tables>({ dialect: new SqliteDialect({ database }) }), dialect: "sqlite" };
  }
  if (POSTGRES_URL.test(url)) {
    installParsers();
    const connectionString = url.replace(POSTGRES_URL, "postgresql://");
    const pool = new pg.Pool({ connectionString, max: 10 });
    return { db: new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) }), dialect: "postgres" };
  }
  throw new Error("DATABASE_URL must start with sqlite:// or postgresql://");
}

/** Whether the database answers a trivial query. */
export async function ping(database: Database): Promise<boolean> {
  try {
    await sql`select 1`.execute(database.db);
    return true;
  } catch {
    return false;
  }
}
