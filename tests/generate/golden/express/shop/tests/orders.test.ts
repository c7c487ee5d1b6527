import request from "supertest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { Row } from "../src/db/database.js";
import * as f from "./factories.js";
import { setup, signIn, teardown, type Caller, type TestApp } from "./helpers.js";

const PATH = "/orders";

describe("/orders", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await setup();
  });
  afterEach(async () => {
    await teardown(t);
  });

  /** A row the caller may reach. */
  async function row(caller: Caller): Promise<Row> {
    return f.makeOrder(t, caller);
  }

  async function payload(): Promise<Row> {
    return {
      currency: "gbp",
      ship_to_name: "shiptona-50",
      ship_to_address: "shiptoad-50",
      phone: "+1 555 0050",
      note: "note-50",
    };
  }

  it("creates a row", async () => {
    const caller = await signIn(t, "customer");
    const body = await payload();
    const res = await request(t.app).post(PATH).set(caller.headers).send(body);
    expect(res.status).toBe(201);
    expect(res.body.id).toEqual(expect.any(Number));
    expect(res.body.currency).toEqual(body.currency);
    expect(res.body.ship_to_name).toEqual(body.ship_to_name);
    expect(res.body.ship_to_address).toEqual(body.ship_to_address);
    expect(res.body.phone).toEqual(body.phone);
    expect(res.body.note).toEqual(body.note);
  });

  it.each([
    ["currency", "not-a-choice", "choice"],
    ["ship_to_name", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "max_length"],
    ["phone", "xxxxxxxxxxxxxxxxxxxxx", "max_length"],
    ["note", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "max_length"],
  ])("rejects an invalid %s (%s, %s)", async (key, value, _constraint) => {
    const caller = await signIn(t, "customer");
    const res = await request(t.app).post(PATH).set(caller.headers).send({ ...(await payload()), [key]: value });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(key);
  });

  it("rejects unknown keys and bodies that are not objects", async () => {
    const caller = await signIn(t, "customer");
    const res = await request(t.app).post(PATH).set(caller.headers).send({ ...(await payload()), no_such_key: 1 });
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual({ field: "no_such_key", message: "unknown field" });
    const list = await request(t.app).post(PATH).set(caller.headers).send([1, 2]);
    expect(list.status).toBe(422);
  });

  it("needs a signed-in caller to create", async () => {
    const res = await request(t.app).post(PATH).send(await payload());
    expect(res.status).toBe(401);
  });

  it("forbids admin to create", async () => {
    const caller = await signIn(t, "admin");
    const res = await request(t.app).post(PATH).set(caller.headers).send(await payload());
    expect(res.status).toBe(403);
  });

  it("reads a row, and answers 404 for unknown ids", async () => {
    const caller = await signIn(t, "customer");
    const existing = await row(caller);
    const res = await request(t.app).get(`${PATH}/${existing.id}`).set(caller.headers);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(existing.id);
    expect((await request(t.app).get(`${PATH}/999999`).set(caller.headers)).status).toBe(404);
    expect((await request(t.app).get(`${PATH}/not-an-id`).set(caller.headers)).status).toBe(404);
  });

  it("hides other users' rows", async () => {
    const owner = await signIn(t, "customer");
    const other = await signIn(t, "customer");
    const existing = await row(owner);
    const res = await request(t.app).get(`${PATH}/${existing.id}`).set(other.headers);
    expect(res.status).toBe(404);
  });

  it("needs a signed-in caller to read", async () => {
    const caller = await signIn(t, "customer");
    const existing = await row(caller);
    expect((await request(t.app).get(`${PATH}/${existing.id}`)).status).toBe(401);
  });

  it("lists rows in an envelope", async () => {
    const caller = await signIn(t, "customer");
    const first = await row(caller);
    await row(caller);
    const res = await request(t.app).get(PATH).set(caller.headers);
    expect(res.status).toBe(200);
    const ids = (res.body.items as Row[]).map((item) => item.id);
    expect(ids).toContain(first.id);
    const page = await request(t.app).get(PATH).query({ size: 1 }).set(caller.headers);
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.next_cursor).toEqual(expect.any(String));
    const next = await request(t.app).get(PATH).query({ size: 1, cursor: page.body.next_cursor }).set(caller.headers);
    expect(next.status).toBe(200);
    expect(next.body.items).toHaveLength(1);
    const bad = await request(t.app).get(PATH).query({ cursor: "bogus" }).set(caller.headers);
    expect(bad.status).toBe(422);
    const tooBig = await request(t.app).get(PATH).query({ size: 101 }).set(caller.headers);
    expect(tooBig.status).toBe(422);
    expect(tooBig.body.errors[0].field).toBe("size");
  });

  it.each([["status", "status"], ["customer_id", "customer_id"], ["placed_at", "placed_at"], ["placed_at__gte", "placed_at"], ["placed_at__lte", "placed_at"]])("filters by %s", async (param, key) => {
    const caller = await signIn(t, "customer");
    const existing = await row(caller);
    const value = existing[key];
    const res = await request(t.app).get(PATH).query({ [param]: String(value) }).set(caller.headers);
    expect(res.status).toBe(200);
    expect((res.body.items as Row[]).map((item) => item.id)).toContain(existing.id);
  });

  it("sorts and searches", async () => {
    const caller = await signIn(t, "customer");
    await row(caller);
    await row(caller);
    const sorted = await request(t.app).get(PATH).query({ sort: "-total" }).set(caller.headers);
    expect(sorted.status).toBe(200);
    const badSort = await request(t.app).get(PATH).query({ sort: "no_such_key" }).set(caller.headers);
    expect(badSort.status).toBe(422);
    const found = await request(t.app).get(PATH).query({ q: "%_" }).set(caller.headers);
    expect(found.status).toBe(200);
    expect(found.body.items).toHaveLength(0);
  });

  it("lists only the caller's rows", async () => {
    const owner = await signIn(t, "customer");
    const other = await signIn(t, "customer");
    await row(owner);
    const res = await request(t.app).get(PATH).set(other.headers);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(0);
  });

  it("needs a signed-in caller to list", async () => {
    expect((await request(t.app).get(PATH)).status).toBe(401);
  });

  it("updates a row", async () => {
    const caller = await signIn(t, "admin");
    const existing = await row(caller);
    const changes: Row = {
      currency: "gbp",
      version: existing.version,
    };
    const res = await request(t.app).patch(`${PATH}/${existing.id}`).set(caller.headers).send(changes);
    expect(res.status).toBe(200);
    expect(res.body.currency).toEqual(changes.currency);
    expect(res.body.version).toBe(Number(existing.version) + 1);
    const stale = await request(t.app).patch(`${PATH}/${existing.id}`).set(caller.headers).send(changes);
    expect(stale.status).toBe(409);
    const missing = await request(t.app).patch(`${PATH}/${existing.id}`).set(caller.headers).send({});
    expect(missing.status).toBe(422);
    const unknown = await request(t.app).patch(`${PATH}/${existing.id}`).set(caller.headers).send({ no_such_key: 1 });
    expect(unknown.status).toBe(422);
  });

  it("forbids customer to update", async () => {
    const caller = await signIn(t, "customer");
    const existing = await row(caller);
    const res = await request(t.app).patch(`${PATH}/${existing.id}`).set(caller.headers).send({});
    expect(res.status).toBe(403);
  });

  it("deletes a row", async () => {
    const caller = await signIn(t, "admin");
    const existing = await row(caller);
    const res = await request(t.app).delete(`${PATH}/${existing.id}`).set(caller.headers);
    expect(res.status).toBe(204);
    const again = await request(t.app).delete(`${PATH}/${existing.id}`).set(caller.headers);
    expect(again.status).toBe(404);
  });

  it("runs the order_cancel action", async () => {
    const caller = await signIn(t, "customer");
    const existing = await row(caller);
    const url = "/orders/{id}/cancel".replace("{id}", String(existing.id));
    const res = await request(t.app).post(url).set(caller.headers).set("Idempotency-Key", "key-1");
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(existing.id);
    const replay = await request(t.app).post(url).set(caller.headers).set("Idempotency-Key", "key-1");
    expect(replay.body).toEqual(res.body);
  });

  it("runs the order_ship action", async () => {
    const caller = await signIn(t, "staff");
    const existing = await row(caller);
    const url = "/orders/{id}/ship".replace("{id}", String(existing.id));
    const res = await request(t.app).post(url).set(caller.headers);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(existing.id);
  });

  it("runs the order_refund action", async () => {
    const caller = await signIn(t, "admin");
    const existing = await row(caller);
    const url = "/orders/{id}/refund".replace("{id}", String(existing.id));
    const res = await request(t.app).post(url).set(caller.headers).set("Idempotency-Key", "key-1");
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(existing.id);
    const replay = await request(t.app).post(url).set(caller.headers).set("Idempotency-Key", "key-1");
    expect(replay.body).toEqual(res.body);
  });
});
