import request from "supertest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { Row } from "../src/db/database.js";
import * as f from "./factories.js";
import { setup, signIn, teardown, type Caller, type TestApp } from "./helpers.js";

const PATH = "/carts";

describe("/carts", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await setup();
  });
  afterEach(async () => {
    await teardown(t);
  });

  /** A row the caller may reach. */
  async function row(caller: Caller): Promise<Row> {
    return f.makeCart(t, caller);
  }

  async function payload(): Promise<Row> {
    return {
    };
  }

  it("creates a row", async () => {
    const caller = await signIn(t, "customer");
    const body = await payload();
    const res = await request(t.app).post(PATH).set(caller.headers).send(body);
    expect(res.status).toBe(201);
    expect(res.body.id).toEqual(expect.any(Number));
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
    const res = await request(t.app).get(PATH).set(caller.headers);
    expect(res.status).toBe(200);
    const ids = (res.body.items as Row[]).map((item) => item.id);
    expect(ids).toContain(first.id);
    expect(res.body.items).toHaveLength(1);
    const tooBig = await request(t.app).get(PATH).query({ size: 101 }).set(caller.headers);
    expect(tooBig.status).toBe(422);
    expect(tooBig.body.errors[0].field).toBe("size");
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
    const caller = await signIn(t, "customer");
    const existing = await row(caller);
    const changes: Row = {
    };
    const res = await request(t.app).patch(`${PATH}/${existing.id}`).set(caller.headers).send(changes);
    expect(res.status).toBe(200);
    const unknown = await request(t.app).patch(`${PATH}/${existing.id}`).set(caller.headers).send({ no_such_key: 1 });
    expect(unknown.status).toBe(422);
  });

  it("deletes a row", async () => {
    const caller = await signIn(t, "admin");
    const existing = await row(caller);
    const res = await request(t.app).delete(`${PATH}/${existing.id}`).set(caller.headers);
    expect(res.status).toBe(204);
    const again = await request(t.app).delete(`${PATH}/${existing.id}`).set(caller.headers);
    expect(again.status).toBe(404);
  });

  it("runs the cart_checkout action", async () => {
    const caller = await signIn(t, "customer");
    const existing = await row(caller);
    const url = "/carts/{id}/checkout".replace("{id}", String(existing.id));
    const res = await request(t.app).post(url).set(caller.headers).set("Idempotency-Key", "key-1");
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(existing.id);
    const replay = await request(t.app).post(url).set(caller.headers).set("Idempotency-Key", "key-1");
    expect(replay.body).toEqual(res.body);
  });
});
