/** The shared resource layer, on a probe table that has every feature a resource may use. */
import type { Request, Response } from "express";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { User } from "../src/context.js";
import { HttpError } from "../src/core/errors.js";
import type { Row } from "../src/db/database.js";
import { authorize, tenantFor, type Scope } from "../src/http/access.js";
import * as crud from "../src/http/crud.js";
import { setup, teardown, type TestApp } from "./helpers.js";

const probe: crud.ResourceDef = {
  table: "probe_items",
  readKeys: ["id", "name", "score", "active", "data", "owner_id", "secret", "version"],
  codecs: { active: "bool", data: "json", created_at: "datetime", updated_at: "datetime" },
  many: [{ key: "links_ids", table: "probe_links", local: "from_id", remote: "to_id", targetTable: "probe_items" }],
  readRoles: { secret: ["boss"] },
  writeRoles: { secret: ["boss"] },
  owner: "owner_id",
  tenant: null,
  parents: [],
  softDelete: true,
  versioned: true,
  timestamps: true,
  search: ["name"],
  filters: { score__gte: { column: "score", op: "gte" }, active: { column: "active", op: "eq" } },
  defaults: { active: () => true },
};
const hard: crud.ResourceDef = { ...probe, softDelete: false, versioned: false, many: [] };

const alice: User = { id: 1, role: "boss", is_active: true };
const bob: User = { id: 2, role: null, is_active: true };
const everyone = (user: User | null): Scope => ({
  user,
  userId: user?.id ?? null,
  role: user?.role ?? null,
  ownerOnly: false,
  tenantIds: null,
});

describe("the resource layer", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await setup();
    const { db } = t.database;
    await db.schema
      .createTable("probe_items")
      .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      .addColumn("name", "varchar(40)", (c) => c.notNull().unique())
      .addColumn("score", "integer")
      .addColumn("active", "boolean")
      .addColumn("data", "text")
      .addColumn("owner_id", "integer")
      .addColumn("secret", "text")
      .addColumn("parent_id", "integer", (c) => c.references("probe_items.id").onDelete("restrict"))
      .addColumn("deleted_at", "text")
      .addColumn("version", "integer")
      .addColumn("created_at", "text")
      .addColumn("updated_at", "text")
      .execute();
    await db.schema
      .createTable("probe_links")
      .addColumn("from_id", "integer", (c) => c.notNull().references("probe_items.id").onDelete("cascade"))
      .addColumn("to_id", "integer", (c) => c.notNull().references("probe_items.id").onDelete("cascade"))
      .execute();
  });
  afterEach(async () => {
    await teardown(t);
  });

  const make = (values: Row, user: User = alice): Promise<Row> => crud.create(t.ctx, probe, user, values);

  it("creates rows with defaults, owner, version and links", async () => {
    const first = await make({ name: "first", score: 1, data: { a: 1 } });
    const second = await make({ name: "second", score: 5, links_ids: [first.id] });
    const [body] = await crud.serialize(t.ctx, probe, [second], "boss");
    expect(body).toMatchObject({ name: "second", active: true, owner_id: 1, version: 1, links_ids: [first.id] });
    const [hidden] = await crud.serialize(t.ctx, probe, [second], null);
    expect(hidden).not.toHaveProperty("secret");
    await expect(make({ name: "third", links_ids: [999] })).rejects.toThrow(HttpError);
    await expect(make({ name: "first" })).rejects.toThrow(HttpError);
    await expect(crud.create(t.ctx, probe, null, { name: "anonymous" })).rejects.toThrow(HttpError);
    await expect(crud.create(t.ctx, { ...probe, owner: null, tenant: "tenant_id" }, alice, {})).rejects.toThrow(HttpError);
  });

  it("lists with search, filters, order and pages", async () => {
    for (const [name, score] of [["apple", 1], ["apricot", 7], ["banana", 9]] as const) {
      await make({ name, score });
    }
    const scope = everyone(alice);
    const found = await crud.offsetPage(t.ctx, probe, scope, { q: "AP", sort: "-score", page: 1, size: 1 });
    expect(found).toMatchObject({ total: 2, page: 1, size: 1 });
    expect((found.items as Row[])[0]?.name).toBe("apricot");
    const filtered = await crud.allItems(t.ctx, probe, scope, { score__gte: 5, active: true });
    expect((filtered.items as Row[]).map((r) => r.name)).toEqual(["apricot", "banana"]);
    const page = await crud.cursorPage(t.ctx, probe, scope, { size: 2 });
    expect(page.next_cursor).toEqual(expect.any(String));
    const last = await crud.cursorPage(t.ctx, probe, scope, { size: 2, cursor: page.next_cursor as string });
    expect(last).toMatchObject({ next_cursor: null });
    expect(last.items).toHaveLength(1);
  });

  it("scopes rows to their owner and hides soft-deleted ones", async () => {
    const row = await make({ name: "mine" });
    const own: Scope = { ...everyone(bob), ownerOnly: true };
    await expect(crud.getRow(t.ctx, probe, own, String(row.id))).rejects.toThrow(HttpError);
    const tenants: Scope = { ...everyone(alice), tenantIds: [] };
    expect((await crud.allItems(t.ctx, { ...probe, tenant: "owner_id" }, tenants, {})).items).toEqual([]);
    expect((await crud.getRow(t.ctx, probe, everyone(alice), String(row.id))).name).toBe("mine");
    await crud.remove(t.ctx, probe, row);
    await expect(crud.getRow(t.ctx, probe, everyone(alice), String(row.id))).rejects.toThrow(HttpError);
  });

  it("updates with optimistic locking and write roles", async () => {
    const row = await make({ name: "locked", score: 1 });
    const saved = await crud.update(t.ctx, probe, row, { score: 2, version: 1, links_ids: [] });
    expect(saved.version).toBe(2);
    await expect(crud.update(t.ctx, probe, row, { score: 3, version: 1 })).rejects.toThrow(HttpError);
    expect(() => crud.checkWrites(probe, ["secret"], null)).toThrow(HttpError);
    expect(() => crud.checkWrites(probe, ["secret", "score"], "boss")).not.toThrow();
  });

  it("refuses to delete rows others refer to", async () => {
    const parent = await crud.create(t.ctx, hard, alice, { name: "parent" });
    await crud.create(t.ctx, hard, alice, { name: "child", parent_id: parent.id });
    await expect(crud.remove(t.ctx, hard, parent)).rejects.toMatchObject({ status: 409 });
    const lone = await crud.create(t.ctx, hard, alice, { name: "lone" });
    await crud.remove(t.ctx, hard, lone);
    await expect(crud.getRow(t.ctx, hard, everyone(alice), String(lone.id))).rejects.toThrow(HttpError);
  });

  it("keeps references inside the row's tenant", async () => {
    const tenanted: crud.ResourceDef = {
      ...hard,
      tenant: "owner_id",
      parents: [{ key: "parent_id", table: "probe_items", tenant: "owner_id" }],
    };
    const parent = await crud.create(t.ctx, tenanted, alice, { name: "parent" });
    await expect(crud.create(t.ctx, tenanted, bob, { name: "stranger", parent_id: parent.id })).rejects.toMatchObject({ status: 409 });
    const child = await crud.create(t.ctx, tenanted, alice, { name: "child", parent_id: parent.id, score: null });
    const other = await crud.create(t.ctx, tenanted, bob, { name: "other" });
    await expect(crud.update(t.ctx, tenanted, child, { parent_id: other.id })).rejects.toMatchObject({ status: 409 });
    expect((await crud.update(t.ctx, tenanted, child, { parent_id: null })).parent_id).toBeNull();
  });

  it("authorizes callers by principal", async () => {
    const req = { app: t.app, ip: "127.0.0.1" } as unknown as Request;
    const as = (user: User | null): Response => ({ locals: { user } }) as unknown as Response;
    const guard = { operation: "probe", limits: [], owner: "owner_id", tenant: "tenant_id" };
    expect((await authorize(req, as(null), { ...guard, principals: ["anyone"] })).userId).toBeNull();
    await expect(authorize(req, as(null), { ...guard, principals: ["authenticated"] })).rejects.toThrow(HttpError);
    expect((await authorize(req, as(bob), { ...guard, principals: ["authenticated"] })).ownerOnly).toBe(false);
    expect((await authorize(req, as(alice), { ...guard, principals: ["boss"] })).ownerOnly).toBe(false);
    expect((await authorize(req, as(bob), { ...guard, principals: ["owner"] })).ownerOnly).toBe(true);
    expect((await authorize(req, as(bob), { ...guard, principals: ["tenant"] })).tenantIds).toEqual([]);
    expect((await authorize(req, as(bob), { ...guard, principals: ["owner"], creating: true })).ownerOnly).toBe(false);
    await expect(authorize(req, as(bob), { ...guard, principals: ["boss"] })).rejects.toThrow(HttpError);
    await expect(tenantFor(t.ctx, null)).rejects.toMatchObject({ status: 403 });
  });
});
