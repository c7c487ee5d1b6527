import request from "supertest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { setup, teardown, type TestApp } from "./helpers.js";

const ACCOUNT = { email: "ada@example.com", password: "a-long-password" };
const PROFILE = {};

describe("auth", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await setup();
  });
  afterEach(async () => {
    await teardown(t);
  });

  async function register(): Promise<request.Response> {
    return request(t.app).post("/auth/register").send({ ...ACCOUNT, ...PROFILE });
  }

  /** Sign in; the headers that authenticate later requests. */
  async function login(): Promise<Record<string, string>> {
    const res = await request(t.app).post("/auth/login").send(ACCOUNT);
    expect(res.status).toBe(200);
    return { Authorization: `Bearer ${(res.body as { access_token: string }).access_token}` };
  }

  it("registers an account without exposing the password", async () => {
    const res = await register();
    expect(res.status).toBe(201);
    expect(res.body.email).toBe(ACCOUNT.email);
    expect(res.body).not.toHaveProperty("password");
    expect(res.body).not.toHaveProperty("hashed_password");
  });

  it("refuses a second account with the same email", async () => {
    await register();
    const res = await request(t.app)
      .post("/auth/register")
      .send({ ...ACCOUNT, ...PROFILE, email: ACCOUNT.email.toUpperCase() });
    expect(res.status).toBe(409);
  });

  it("validates the registration", async () => {
    const res = await request(t.app).post("/auth/register").send({ ...PROFILE, email: "nope", password: "short" });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["email", "password"]);
  });

  it("answers malformed JSON with 400", async () => {
    const res = await request(t.app)
      .post("/auth/register")
      .set("Content-Type", "application/json")
      .send("{not json");
    expect(res.status).toBe(400);
  });

  it("signs in and tells who is signed in", async () => {
    await register();
    const me = await request(t.app).get("/auth/me").set(await login());
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(ACCOUNT.email);
  });

  it("refuses wrong credentials", async () => {
    await register();
    const wrong = await request(t.app).post("/auth/login").send({ ...ACCOUNT, password: "wrong-password" });
    expect(wrong.status).toBe(401);
    const unknown = await request(t.app).post("/auth/login").send({ ...ACCOUNT, email: "who@example.com" });
    expect(unknown.status).toBe(401);
  });

  it("renews tokens with a refresh token only", async () => {
    await register();
    const res = await request(t.app).post("/auth/login").send(ACCOUNT);
    const tokens = res.body as { access_token: string; refresh_token: string };
    const renewed = await request(t.app).post("/auth/refresh").send({ refresh_token: tokens.refresh_token });
    expect(renewed.status).toBe(200);
    expect(renewed.body.token_type).toBe("bearer");
    const misuse = await request(t.app).post("/auth/refresh").send({ refresh_token: tokens.access_token });
    expect(misuse.status).toBe(401);
  });

  it("needs a valid token for /auth/me", async () => {
    expect((await request(t.app).get("/auth/me")).status).toBe(401);
    const res = await request(t.app).get("/auth/me").set("Authorization", "Bearer nonsense");
    expect(res.status).toBe(401);
  });

  it("limits sign-in attempts", async () => {
    const limited = await setup({ RATE_LIMIT_ENABLED: "true" });
    // Ten attempts a minute: the 11th is refused (21 when a minute starts meanwhile).
    let last = 0;
    for (let i = 0; i < 21 && last !== 429; i += 1) {
      last = (await request(limited.app).post("/auth/login").send(ACCOUNT)).status;
    }
    expect(last).toBe(429);
    await teardown(limited);
  });

  it("answers 503 for an unconfigured provider", async () => {
    const res = await request(t.app).get("/auth/oauth/google/authorize");
    expect(res.status).toBe(503);
    const token = await request(t.app)
      .post("/auth/oauth/google/token")
      .type("form")
      .send({ grant_type: "authorization_code", code: "abc" });
    expect(token.status).toBe(503);
  });

  it("redirects to a configured provider", async () => {
    const prefix = "OAUTH_GOOGLE_";
    const configured = await setup({
      [`${prefix}CLIENT_ID`]: "client",
      [`${prefix}CLIENT_SECRET`]: "secret",
      [`${prefix}AUTHORIZE_URL`]: "https://idp.example/authorize",
      [`${prefix}TOKEN_URL`]: "http://127.0.0.1:9/token",
      [`${prefix}USERINFO_URL`]: "http://127.0.0.1:9/userinfo",
    });
    const res = await request(configured.app)
      .get("/auth/oauth/google/authorize")
      .query({ redirect_uri: "https://app.example/cb", state: "xyz" });
    expect(res.status).toBe(302);
    expect(res.headers.location).toContain("client_id=client");
    const token = await request(configured.app)
      .post("/auth/oauth/google/token")
      .type("form")
      .send({ grant_type: "authorization_code", code: "abc", redirect_uri: "https://app.example/cb" });
    expect(token.status).toBe(401);
    await teardown(configured);
  });
});
