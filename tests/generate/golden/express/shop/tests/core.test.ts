import { describe, expect, it } from "vitest";
import { z } from "zod";

import { loadSettings, SettingsError } from "../src/config.js";
import { HttpError, invalid, isConstraintError, parse } from "../src/core/errors.js";
import { IdempotencyStore, once } from "../src/core/idempotency.js";
import { RateLimiter } from "../src/core/ratelimit.js";
import { hashPassword, issueToken, readToken, verifyPassword } from "../src/core/security.js";
import { connect, sqlitePath } from "../src/db/database.js";
import { decode, decodeCursor, encode, encodeCursor, parseId } from "../src/http/crud.js";

describe("settings", () => {
  it("has safe defaults", () => {
    const settings = loadSettings({});
    expect(settings.environment).toBe("development");
    expect(settings.databaseUrl).toBe("sqlite:///./app.db");
    expect(settings.rateLimitEnabled).toBe(true);
    expect(settings.accessTokenMinutes).toBe(30);
    expect(settings.refreshTokenDays).toBe(7);
  });

  it("reads the environment", () => {
    const settings = loadSettings({
      CORS_ORIGINS: "https://a.example, https://b.example",
      RATE_LIMIT_ENABLED: "false",
      ACCESS_TOKEN_MINUTES: "5",
    });
    expect(settings.corsOrigins).toEqual(["https://a.example", "https://b.example"]);
    expect(settings.rateLimitEnabled).toBe(false);
    expect(settings.accessTokenMinutes).toBe(5);
  });

  it("refuses unsafe or invalid values", () => {
    expect(() => loadSettings({ ENVIRONMENT: "production" })).toThrow(SettingsError);
    expect(() => loadSettings({ ENVIRONMENT: "staging" })).toThrow(SettingsError);
    expect(() => loadSettings({ ACCESS_TOKEN_MINUTES: "0" })).toThrow(SettingsError);
    expect(() => loadSettings({ DEFAULT_ROLE: "nobody" })).toThrow(SettingsError);
    const secret = "x".repeat(40);
    expect(loadSettings({ ENVIRONMENT: "production", SECRET_KEY: secret }).secretKey).toBe(secret);
  });

  it("configures an OAuth provider only when every value is set", () => {
    const prefix = "OAUTH_GOOGLE_";
    const env = {
      [`${prefix}CLIENT_ID`]: "id",
      [`${prefix}CLIENT_SECRET`]: "secret",
      [`${prefix}AUTHORIZE_URL`]: "https://idp.example/authorize",
      [`${prefix}TOKEN_URL`]: "https://idp.example/token",
      [`${prefix}USERINFO_URL`]: "https://idp.example/userinfo",
    };
    expect(loadSettings(env).oauth.get("google")?.clientId).toBe("id");
    expect(loadSettings({}).oauth.get("google")).toBeUndefined();
  });
});

describe("database URLs", () => {
  it("reads SQLite paths", () => {
    expect(sqlitePath("sqlite:///./app.db")).toBe("./app.db");
    expect(sqlitePath("sqlite:////var/data/app.db")).toBe("/var/data/app.db");
    expect(sqlitePath("sqlite://:memory:")).toBe(":memory:");
  });

  it("refuses other databases", () => {
    expect(() => connect("mysql://localhost/app")).toThrow();
  });

  it("opens PostgreSQL lazily", async () => {
    const database = connect("postgresql+psycopg://user:pass@127.0.0.1:1/app");
    expect(database.dialect).toBe("postgres");
    await database.db.destroy();
  });
});

describe("errors", () => {
  it("names every field at fault", () => {
    const schema = z.strictObject({ name: z.string() });
    const result = schema.safeParse({ name: 1, extra: true });
    expect(result.success).toBe(false);
    const error = invalid(result.error as z.ZodError, "body");
    expect(error.status).toBe(422);
    expect(error.errors.map((e) => e.field).sort()).toEqual(["extra", "name"]);
    expect(() => parse(schema, undefined, "body")).toThrow(HttpError);
  });

  it("recognises constraint violations", () => {
    expect(isConstraintError({ code: "SQLITE_CONSTRAINT_UNIQUE" })).toBe(true);
    expect(isConstraintError({ code: "23505" })).toBe(true);
    expect(isConstraintError(new Error("other"))).toBe(false);
    expect(isConstraintError(null)).toBe(false);
  });
});

describe("rate limits", () => {
  it("allows a window's count, then says how long to wait", () => {
    const limiter = new RateLimiter(true);
    const limit = { count: 2, period: "minute" as const, scope: "ip" as const };
    expect(limiter.hit("k", limit, 60)).toBe(0);
    expect(limiter.hit("k", limit, 61)).toBe(0);
    expect(limiter.hit("k", limit, 62)).toBe(58);
    expect(limiter.hit("k", limit, 120)).toBe(0);
    limiter.reset();
  });

  it("answers 429 with Retry-After once exhausted", () => {
    const limiter = new RateLimiter(true);
    const limits = [
      { count: 1, period: "hour" as const, scope: "user" as const },
      { count: 5, period: "day" as const, scope: "tenant" as const },
      { count: 5, period: "second" as const, scope: "global" as const },
    ];
    limiter.enforce("op", limits, { ip: "1.2.3.4", userId: 7 });
    try {
      limiter.enforce("op", limits, { ip: "1.2.3.4", userId: 7 });
      expect.unreachable();
    } catch (error) {
      expect((error as HttpError).status).toBe(429);
      expect((error as HttpError).headers["Retry-After"]).toMatch(/^\d+$/);
    }
    limiter.enforce("op", limits, { ip: "1.2.3.4", userId: null });
  });

  it("does nothing when disabled", () => {
    const limiter = new RateLimiter(false);
    const limits = [{ count: 1, period: "minute" as const, scope: "ip" as const }];
    limiter.enforce("op", limits, { ip: "a", userId: null });
    limiter.enforce("op", limits, { ip: "a", userId: null });
  });
});

describe("idempotency", () => {
  it("replays the first answer for a repeated key", async () => {
    const store = new IdempotencyStore();
    let runs = 0;
    const work = () => Promise.resolve({ status: 200, body: { run: (runs += 1) } });
    expect((await once(store, "k1", "op", work)).body).toEqual({ run: 1 });
    expect((await once(store, "k1", "op", work)).body).toEqual({ run: 1 });
    expect((await once(store, undefined, "op", work)).body).toEqual({ run: 2 });
    expect(() => IdempotencyStore.key("")).toThrow(HttpError);
  });

  it("forgets answers after a day", () => {
    const store = new IdempotencyStore();
    store.put("k", 200, {}, 0);
    expect(store.get("k", 1000)).toBeDefined();
    expect(store.get("k", 25 * 3600 * 1000)).toBeUndefined();
  });
});

describe("values", () => {
  it("stores and reads values per dialect", () => {
    expect(encode("bool", true, "sqlite")).toBe(1);
    expect(encode("bool", false, "postgres")).toBe(false);
    expect(encode("json", { a: 1 }, "sqlite")).toBe('{"a":1}');
    expect(encode("datetime", "2024-01-01T01:00:00+01:00", "sqlite")).toBe("2024-01-01T00:00:00.000Z");
    expect(encode(undefined, "x", "sqlite")).toBe("x");
    expect(decode("bool", 0, "sqlite")).toBe(false);
    expect(decode("json", '{"a":1}', "sqlite")).toEqual({ a: 1 });
    expect(decode("json", { a: 1 }, "postgres")).toEqual({ a: 1 });
    expect(decode("decimal:2", 12.5, "sqlite")).toBe("12.50");
    expect(decode("decimal:2", "12.50", "postgres")).toBe("12.50");
    expect(decode("datetime", "2024-01-01T00:00:00.000Z", "sqlite")).toBe("2024-01-01T00:00:00.000Z");
    expect(decode(undefined, undefined, "sqlite")).toBeNull();
  });

  it("reads ids and cursors", () => {
    expect(parseId("12")).toBe(12);
    expect(() => parseId("0")).toThrow(HttpError);
    expect(() => parseId("9223372036854775808")).toThrow(HttpError);
    expect(() => parseId("abc")).toThrow(HttpError);
    expect(decodeCursor(encodeCursor(40))).toBe(40);
    expect(decodeCursor(undefined)).toBe(0);
    expect(() => decodeCursor("bogus")).toThrow(HttpError);
  });
});

describe("security", () => {
  it("hashes and checks passwords", async () => {
    const hashed = await hashPassword("correct horse");
    expect(hashed.startsWith("scrypt$")).toBe(true);
    expect(await verifyPassword("correct horse", hashed)).toBe(true);
    expect(await verifyPassword("wrong horse", hashed)).toBe(false);
    expect(await verifyPassword("x", "md5$abc")).toBe(false);
  });

  it("issues tokens of a kind", () => {
    const settings = loadSettings({ SECRET_KEY: "k".repeat(32) });
    const token = issueToken(settings, 5, "access");
    expect(readToken(settings, token, "access")).toBe(5);
    expect(readToken(settings, token, "refresh")).toBeNull();
    expect(readToken(settings, "not-a-token", "access")).toBeNull();
  });
});
