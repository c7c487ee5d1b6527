import request from "supertest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { setup, teardown, type TestApp } from "./helpers.js";

describe("system endpoints", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await setup();
  });
  afterEach(async () => {
    await teardown(t);
  });

  it("answers health", async () => {
    const res = await request(t.app).get("/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
  });

  it("answers ready while the database answers", async () => {
    expect((await request(t.app).get("/ready")).status).toBe(200);
    await t.database.db.destroy();
    const res = await request(t.app).get("/ready");
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: "unavailable" });
    t = await setup();
  });

  it("serves Prometheus metrics", async () => {
    await request(t.app).get("/health");
    const res = await request(t.app).get("/metrics");
    expect(res.status).toBe(200);
    expect(res.text).toContain("http_requests_total");
  });

  it("serves the contract document", async () => {
    const res = await request(t.app).get("/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.info.title).toBe("shop");
  });

  it("answers unknown paths with a Problem", async () => {
    const res = await request(t.app).get("/no-such-path");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: "Not found.", errors: [] });
  });

  it("sets security headers", async () => {
    const res = await request(t.app).get("/health");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-powered-by"]).toBeUndefined();
  });
});
