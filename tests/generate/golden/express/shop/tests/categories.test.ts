import request from "supertest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { Row } from "../src/db/database.js";
import * as f from "./factories.js";
import { setup, signIn, teardown, type Caller, type TestApp } from "./helpers.js";

const PATH = "/categories";

describe("/categories", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await setup();
  });
  afterEach(async () => {
    await teardown(t);
  });

  /** A row the caller may reach. */
  async function row(_caller: Caller): Promise<Row> {
    return f.makeCategory(t);
  }

  async function payload(): Promise<Row> {
    return {
      name: "name-50",
      slug: "slug-50",
      position: 50,
      parent_id: (await f.makeCategory(t)).id,
    };
  }

  it("creates a row", async () => {
    const caller = await signIn(t, "admin");
    const body = await payload();
    const res = await request(t.app).post(PATH).set(caller.headers).send(body);
    expect(res.status).toBe(201);
    expect(res.body.id).toEqual(expect.any(Number));
    expect(res.body.name).toEqual(body.name);
    expect(res.body.slug).toEqual(body.slug);
    expect(res.body.position).toEqual(body.position);
  });

  it.each([
    ["name", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "max_length"],
    ["slug", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "max_length"],
    ["position", -1, "minimum"],
  ])("rejects an invalid %s (%s, %s)", async (key, value, _constraint) => {
    const caller = await signIn(t, "admin");
    const res = await request(t.app).post(PATH).set(caller.headers).send({ ...(await payload()), [key]: value });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(key);
  });

  it("rejects unknown keys and bodies that are not objects", async () => {
    const caller = await signIn(t, "admin");
    const res = await request(t.app).post(PATH).set(caller.headers).send({ ...(await payload()), no_such_key: 1 });
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual({ field: "no_such_key", message: "unknown field" });
    const list = await request(t.app).post(PATH).set(caller.headers).send([1, 2]);
    expect(list.status).toBe(422);
  });

  it("refuses a second row with the same slug", async () => {
    const caller = await signIn(t, "admin");
    const existing = await f.makeCategory(t);
    const res = await request(t.app).post(PATH).set(caller.headers).send({ ...(await payload()), slug: existing.slug });
    expect(res.status).toBe(409);
  });

  it("needs a signed-in caller to create", async () => {
    const res = await request(t.app).post(PATH).send(await payload());
    expect(res.status).toBe(401);
  });

  it("forbids customer to create", async () => {
    const caller = await signIn(t, "customer");
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

  it("lists rows in an envelope", async () => {
    const caller = await signIn(t, "customer");
    const first = await row(caller);
    await row(caller);
    const res = await request(t.app).get(PATH).set(caller.headers);
    expect(res.status).toBe(200);
    const ids = (res.body.items as Row[]).map((item) => item.id);
    expect(ids).toContain(first.id);
    expect(res.body.total).toBeGreaterThanOrEqual(2);
    const page = await request(t.app).get(PATH).query({ size: 1, page: 2 }).set(caller.headers);
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.page).toBe(2);
    const tooBig = await request(t.app).get(PATH).query({ size: 101 }).set(caller.headers);
    expect(tooBig.status).toBe(422);
    expect(tooBig.body.errors[0].field).toBe("size");
  });

  it("sorts and searches", async () => {
    const caller = await signIn(t, "customer");
    await row(caller);
    await row(caller);
    const sorted = await request(t.app).get(PATH).query({ sort: "-name" }).set(caller.headers);
    expect(sorted.status).toBe(200);
    const badSort = await request(t.app).get(PATH).query({ sort: "no_such_key" }).set(caller.headers);
    expect(badSort.status).toBe(422);
    const found = await request(t.app).get(PATH).query({ q: "%_" }).set(caller.headers);
    expect(found.status).toBe(200);
    expect(found.body.items).toHaveLength(0);
  });

  it("updates a row", async () => {
    const caller = await signIn(t, "admin");
    const existing = await row(caller);
    const changes: Row = {
      name: "name-77",
    };
    const res = await request(t.app).patch(`${PATH}/${existing.id}`).set(caller.headers).send(changes);
    expect(res.status).toBe(200);
    expect(res.body.name).toEqual(changes.name);
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
});
