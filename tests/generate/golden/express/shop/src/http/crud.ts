/** What every resource's routes share: rows in scope, lists, writes, answers. */
import { sql, type Kysely, type SelectQueryBuilder } from "kysely";

import type { AppContext, User } from "../context.js";
import { conflict, forbidden, HttpError, isConstraintError, notFound } from "../core/errors.js";
import type { Dialect, Row, Tables } from "../db/database.js";
import { tenantFor, type Scope } from "./access.js";

/** How a stored value differs from its JSON form. */
export type Codec = "bool" | "json" | "datetime" | `decimal:${number}`;

export interface ManyRelation {
  key: string;
  table: string;
  local: string;
  remote: string;
  targetTable: string;
}

/** A relation to a tenant-scoped table: it may only name rows of the same tenant. */
export interface Parent {
  key: string;
  table: string;
  tenant: string;
}

export interface Filter {
  column: string;
  op: "eq" | "gte" | "lte";
}

/** How a resource is stored and shown. */
export interface ResourceDef {
  table: string;
  readKeys: readonly string[];
  codecs: Readonly<Record<string, Codec>>;
  many: readonly ManyRelation[];
  readRoles: Readonly<Record<string, readonly string[]>>;
  writeRoles: Readonly<Record<string, readonly string[]>>;
  owner: string | null;
  tenant: string | null;
  parents: readonly Parent[];
  softDelete: boolean;
  versioned: boolean;
  timestamps: boolean;
  search: readonly string[];
  filters: Readonly<Record<string, Filter>>;
  defaults: Readonly<Record<string, () => unknown>>;
}

export interface ListQuery {
  page?: number;
  size?: number;
  cursor?: string;
  q?: string;
  sort?: string;
  [filter: string]: unknown;
}

type Query = SelectQueryBuilder<Tables, string, object>;
const MAX_ID = 2n ** 63n - 1n;

/** A path id; anything but a positive int64 is an unknown row (404). */
export function parseId(raw: string): number {
  if (!/^\d{1,19}$/.test(raw) || BigInt(raw) < 1n || BigInt(raw) > MAX_ID) {
    throw notFound();
  }
  return Number(raw);
}

/** `value` as the database stores it. */
export function encode(codec: Codec | undefined, value: unknown, dialect: Dialect): unknown {
  if (value === null || value === undefined || codec === undefined) {
    return value;
  }
  if (codec === "bool") {
    return dialect === "sqlite" ? Number(value === true) : value;
  }
  if (codec === "json") {
    return JSON.stringify(value);
  }
  if (codec === "datetime") {
    return new Date(String(value)).toISOString();
  }
  return value;
}

/** A stored value as JSON carries it. */
export function decode(codec: Codec | undefined, value: unknown, dialect: Dialect): unknown {
  if (value === null || value === undefined || codec === undefined) {
    return value ?? null;
  }
  if (codec === "bool") {
    return value === true || value === 1;
  }
  if (codec === "json") {
    return dialect === "sqlite" && typeof value === "string" ? JSON.parse(value) : value;
  }
  if (codec === "datetime") {
    return new Date(String(value)).toISOString();
  }
  const scale = Number(codec.slice("decimal:".length));
  return typeof value === "number" && scale >= 0 ? value.toFixed(scale) : String(value);
}

/** Rows the caller may see: not soft-deleted, inside their scope. */
export function visible(ctx: AppContext, def: ResourceDef, scope: Scope): Query {
  let query: Query = ctx.database.db.selectFrom(def.table);
  if (def.softDelete) {
    query = query.where("deleted_at", "is", null);
  }
  if (scope.ownerOnly || scope.tenantIds !== null) {
    query = query.where((eb) => {
      const allowed = [];
      if (scope.ownerOnly && def.owner !== null) {
        allowed.push(eb(def.owner, "=", scope.userId));
      }
      if (scope.tenantIds !== null && def.tenant !== null && scope.tenantIds.length > 0) {
        allowed.push(eb(def.tenant, "in", scope.tenantIds));
      }
      return allowed.length > 0 ? eb.or(allowed) : sql<boolean>`1 = 0`;
    });
  }
  return query;
}

export async function getRow(ctx: AppContext, def: ResourceDef, scope: Scope, raw: string): Promise<Row> {
  const row = (await visible(ctx, def, scope)
    .selectAll()
    .where("id", "=", parseId(raw))
    .executeTakeFirst()) as Row | undefined;
  if (row === undefined) {
    throw notFound();
  }
  return row;
}

async function manyIds(db: Kysely<Tables>, relation: ManyRelation, ids: number[]): Promise<Map<number, number[]>> {
  const found = new Map<number, number[]>();
  if (ids.length === 0) {
    return found;
  }
  const links = await db
    .selectFrom(relation.table)
    .select([relation.local, relation.remote])
    .where(relation.local, "in", ids)
    .orderBy(relation.remote)
    .execute();
  for (const link of links) {
    const key = Number(link[relation.local]);
    found.set(key, [...(found.get(key) ?? []), Number(link[relation.remote])]);
  }
  return found;
}

/** The read bodies of `rows`; keys with read roles the caller lacks are left out. */
export async function serialize(
  ctx: AppContext,
  def: ResourceDef,
  rows: Row[],
  role: string | null,
  userId: number | null = null,
): Promise<Row[]> {
  const { db, dialect } = ctx.database;
  const ids = rows.map((row) => Number(row.id));
  const links = await Promise.all(
    def.many.map(async (relation) => [relation.key, await manyIds(db, relation, ids)] as const),
  );
  const codecs = new Map(Object.entries(def.codecs));
  return rows.map((row) => {
    const stored = new Map(Object.entries(row));
    const mine = owns(def, row, userId);
    const hidden = new Set(
      Object.entries(def.readRoles)
        .filter(([, roles]) => !(mine && roles.includes("owner")) && (role === null || !roles.includes(role)))
        .map(([key]) => key),
    );
    const body: [string, unknown][] = def.readKeys.map((key) => [key, decode(codecs.get(key), stored.get(key), dialect)]);
    for (const [key, found] of links) {
      body.push([key, found.get(Number(row.id)) ?? []]);
    }
    return Object.fromEntries(body.filter(([key]) => !hidden.has(key)));
  });
}

export async function serializeOne(
  ctx: AppContext,
  def: ResourceDef,
  row: Row,
  role: string | null,
  userId: number | null = null,
): Promise<Row> {
  const [body] = await serialize(ctx, def, [row], role, userId);
  return body ?? {};
}

/** Whether `row` belongs to the user `userId`. */
export function owns(def: ResourceDef, row: Row, userId: number | null): boolean {
  return def.owner !== null && userId !== null && row[def.owner] === userId;
}

/** 403 when the caller sets a field whose write roles they lack (`mine`: the row is theirs). */
export function checkWrites(def: ResourceDef, keys: readonly string[], role: string | null, mine = false): void {
  const writeRoles = new Map(Object.entries(def.writeRoles));
  const denied = keys.filter((key) => {
    const roles = writeRoles.get(key);
    if (roles === undefined || (mine && roles.includes("owner"))) {
      return false;
    }
    return role === null || !roles.includes(role);
  });
  if (denied.length > 0) {
    throw new HttpError(
      403,
      "You may not set these fields.",
      denied.map((field) => ({ field, message: "not allowed for your role" })),
    );
  }
}

function columns(ctx: AppContext, def: ResourceDef, values: Row): Row {
  const codecs = new Map(Object.entries(def.codecs));
  const manyKeys = new Set(def.many.map((relation) => relation.key));
  return Object.fromEntries(
    Object.entries(values)
      .filter(([key, value]) => value !== undefined && key !== "version" && !manyKeys.has(key))
      .map(([key, value]) => [key, encode(codecs.get(key), value, ctx.database.dialect)]),
  );
}

async function setMany(db: Kysely<Tables>, def: ResourceDef, id: number, values: Row): Promise<void> {
  for (const relation of def.many) {
    const wanted = values[relation.key] as number[] | undefined;
    if (wanted === undefined) {
      continue;
    }
    if (wanted.length > 0) {
      const found = await db.selectFrom(relation.targetTable).select("id").where("id", "in", wanted).execute();
      if (found.length !== new Set(wanted).size) {
        throw conflict(`${relation.key} names unknown rows.`);
      }
    }
    await db.deleteFrom(relation.table).where(relation.local, "=", id).execute();
    if (wanted.length > 0) {
      await db
        .insertInto(relation.table)
        .values(wanted.map((remote) => ({ [relation.local]: id, [relation.remote]: remote })))
        .execute();
    }
  }
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isConstraintError(error)) {
      throw conflict();
    }
    throw error;
  }
}

/** Insert a row from a create body; the owner is the caller. Answers the stored row. */
export async function create(ctx: AppContext, def: ResourceDef, user: User | null, values: Row): Promise<Row> {
  const defaults = Object.fromEntries(Object.entries(def.defaults).map(([key, make]) => [key, make()]));
  const row = columns(ctx, def, { ...defaults, ...values });
  if (def.owner !== null && def.owner !== "id") {
    if (user === null) {
      throw forbidden("Only a signed-in user may create this.");
    }
    row[def.owner] = user.id;
  }
  if (def.tenant !== null && def.tenant !== "id" && row[def.tenant] === undefined) {
    row[def.tenant] = await tenantFor(ctx, user);
  }
  await sameTenant(ctx, def, row, values);
  const now = new Date().toISOString();
  if (def.timestamps) {
    row.created_at = now;
    row.updated_at = now;
  }
  if (def.versioned) {
    row.version = 1;
  }
  const id = await guarded(() =>
    ctx.database.db.transaction().execute(async (trx) => {
      const insert = trx.insertInto(def.table);
      const query = Object.keys(row).length > 0 ? insert.values(row) : insert.defaultValues();
      const inserted = await query.returning("id").executeTakeFirstOrThrow();
      const newId = Number(inserted.id);
      await setMany(trx, def, newId, values);
      return newId;
    }),
  );
  return ctx.database.db.selectFrom(def.table).selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

/** 409 when `values` name rows of another tenant than `row`'s. */
async function sameTenant(ctx: AppContext, def: ResourceDef, row: Row, values: Row): Promise<void> {
  for (const parent of def.parents) {
    const id = values[parent.key];
    if (id === undefined || id === null || def.tenant === null) {
      continue;
    }
    const found = await ctx.database.db
      .selectFrom(parent.table)
      .select("id")
      .where("id", "=", Number(id))
      .where(parent.tenant, "=", Number(row[def.tenant]))
      .executeTakeFirst();
    if (found === undefined) {
      throw conflict(`${parent.key} names a row of another tenant.`);
    }
  }
}

/** Apply an update body to `row`; a stale `version` answers 409. Answers the stored row. */
export async function update(ctx: AppContext, def: ResourceDef, row: Row, changes: Row): Promise<Row> {
  const id = Number(row.id);
  const stored = columns(ctx, def, changes);
  await sameTenant(ctx, def, row, changes);
  if (def.timestamps) {
    stored.updated_at = new Date().toISOString();
  }
  await guarded(() =>
    ctx.database.db.transaction().execute(async (trx) => {
      if (def.versioned) {
        if (changes.version !== row.version) {
          throw conflict("The row changed since you read it.");
        }
        stored.version = Number(row.version) + 1;
      }
      let query = trx.updateTable(def.table).where("id", "=", id);
      if (def.versioned) {
        query = query.where("version", "=", Number(row.version));
      }
      if (Object.keys(stored).length > 0) {
        const result = await query.set(stored).executeTakeFirst();
        if (result.numUpdatedRows === 0n) {
          throw conflict("The row changed since you read it.");
        }
      }
      await setMany(trx, def, id, changes);
    }),
  );
  return ctx.database.db.selectFrom(def.table).selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

/** Delete `row` (soft delete when the resource keeps deleted rows). */
export async function remove(ctx: AppContext, def: ResourceDef, row: Row): Promise<void> {
  const { db } = ctx.database;
  if (def.softDelete) {
    await db.updateTable(def.table).set({ deleted_at: new Date().toISOString() }).where("id", "=", Number(row.id)).execute();
    return;
  }
  try {
    await db.deleteFrom(def.table).where("id", "=", Number(row.id)).execute();
  } catch (error) {
    if (isConstraintError(error)) {
      throw conflict("Other rows still refer to this one.");
    }
    throw error;
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Search, filters and order of a list query. */
export function narrowed(ctx: AppContext, def: ResourceDef, query: Query, params: ListQuery): Query {
  let result = query;
  const q = params.q;
  if (q !== undefined && q !== "" && def.search.length > 0) {
    const pattern = `%${escapeLike(q.toLowerCase())}%`;
    result = result.where((eb) =>
      eb.or(def.search.map((column) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`)),
    );
  }
  const given = new Map(Object.entries(params));
  const codecs = new Map(Object.entries(def.codecs));
  for (const [name, filter] of Object.entries(def.filters)) {
    const value = given.get(name);
    if (value === undefined) {
      continue;
    }
    const op = filter.op === "gte" ? ">=" : filter.op === "lte" ? "<=" : "=";
    result = result.where(filter.column, op, encode(codecs.get(filter.column), value, ctx.database.dialect));
  }
  return result;
}

function ordered(query: Query, sort: string | undefined): Query {
  let result = query;
  if (sort !== undefined) {
    const column = sort.replace(/^-/, "");
    result = result.orderBy(column, sort.startsWith("-") ? "desc" : "asc");
  }
  return result.orderBy("id", "asc");
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString("base64url");
}

/** The offset an opaque cursor stands for; a cursor we did not issue answers 422. */
export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === "") {
    return 0;
  }
  const text = Buffer.from(cursor, "base64url").toString();
  const match = /^o:(\d{1,15})$/.exec(text);
  if (match?.[1] === undefined || encodeCursor(Number(match[1])) !== cursor) {
    throw new HttpError(422, "The request is invalid.", [{ field: "cursor", message: "not a cursor of this list" }]);
  }
  return Number(match[1]);
}

export async function offsetPage(ctx: AppContext, def: ResourceDef, scope: Scope, params: ListQuery): Promise<Row> {
  const query = narrowed(ctx, def, visible(ctx, def, scope), params);
  const page = params.page ?? 1;
  const size = params.size ?? 20;
  const counted = await query.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirst();
  const rows = (await ordered(query.selectAll(), params.sort)
    .offset((page - 1) * size)
    .limit(size)
    .execute()) as Row[];
  return {
    items: await serialize(ctx, def, rows, scope.role, scope.userId),
    total: Number(counted?.count ?? 0),
    page,
    size,
  };
}

export async function cursorPage(ctx: AppContext, def: ResourceDef, scope: Scope, params: ListQuery): Promise<Row> {
  const offset = decodeCursor(params.cursor);
  const size = params.size ?? 20;
  const query = narrowed(ctx, def, visible(ctx, def, scope), params);
  const rows = (await ordered(query.selectAll(), params.sort)
    .offset(offset)
    .limit(size + 1)
    .execute()) as Row[];
  const items = await serialize(ctx, def, rows.slice(0, size), scope.role, scope.userId);
  return { items, next_cursor: rows.length > size ? encodeCursor(offset + size) : null };
}

export async function allItems(ctx: AppContext, def: ResourceDef, scope: Scope, params: ListQuery): Promise<Row> {
  const query = narrowed(ctx, def, visible(ctx, def, scope), params);
  const rows = (await ordered(query.selectAll(), params.sort).execute()) as Row[];
  return { items: await serialize(ctx, def, rows, scope.role, scope.userId) };
}
