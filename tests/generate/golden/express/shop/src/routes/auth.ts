/** Accounts and sign-in: `/auth/...`. */
import { Router, type RequestHandler } from "express";
import { z } from "zod";

import { appContext, caller, type AppContext, type User } from "../context.js";
import { conflict, HttpError, parse, unauthorized } from "../core/errors.js";
import type { Limit } from "../core/ratelimit.js";
import {
  hashPassword,
  readToken,
  tokenPair,
  verifyPassword,
} from "../core/security.js";
import type { Row } from "../db/database.js";
import * as crud from "../http/crud.js";

const AUTH_LIMITS: Limit[] = [{ count: 10, period: "minute", scope: "ip" }];
const PROVIDERS = ["google", "apple"] as const;

export const userDef: crud.ResourceDef = {
  table: "users",
  readKeys: ["id", "email", "name", "created_at", "updated_at"],
  codecs: {
    created_at: "datetime",
    updated_at: "datetime",
  },
  many: [],
  readRoles: {},
  writeRoles: {},
  owner: null,
  tenant: null,
  parents: [],
  softDelete: false,
  versioned: false,
  timestamps: true,
  search: [],
  filters: {},
  defaults: {},
};

export const registerBody = z.strictObject({
  email: z.email().max(254),
  name: z.string().max(150).nullable().optional(),
  password: z.string().min(8).max(128),
});
export const loginBody = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(128),
});
export const refreshBody = z.strictObject({ refresh_token: z.string().max(4096) });

/** A placeholder hash, so that unknown emails take as long as wrong passwords. */
const DUMMY_HASH = "scrypt$AAAAAAAAAAAAAAAAAAAAAA==$" + "A".repeat(86) + "==";

async function findUser(ctx: AppContext, email: string): Promise<User | undefined> {
  const row = await ctx.database.db
    .selectFrom("users")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
    .executeTakeFirst();
  return row as User | undefined;
}

export async function loadUser(ctx: AppContext, id: number): Promise<User | null> {
  const row = await ctx.database.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  const user = row as User | undefined;
  return user !== undefined && Boolean(user.is_active) ? user : null;
}

const SESSION_COOKIE = "session";

/** The session cookie of a request, if any. */
export function sessionCookie(header: string | undefined): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE && value.length > 0) {
      return decodeURIComponent(value.join("="));
    }
  }
  return undefined;
}

/** Find the caller from the `Authorization: Bearer` header or the session cookie. */
export const authenticate: RequestHandler = async (req, res, next) => {
  const ctx = appContext(req);
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  const token = match?.[1] ?? sessionCookie(req.headers.cookie);
  let user: User | null = null;
  if (typeof token === "string") {
    const id = readToken(ctx.settings, token, "access");
    user = id === null ? null : await loadUser(ctx, id);
  }
  (res.locals as { user: User | null }).user = user;
  next();
};

function limit(req: Parameters<RequestHandler>[0], operation: string): void {
  appContext(req).limiter.enforce(operation, AUTH_LIMITS, { ip: req.ip ?? "unknown", userId: null });
}

async function userBody(ctx: AppContext, user: Row): Promise<Row> {
  return crud.serializeOne(ctx, userDef, user, (user.role as string | null) ?? null);
}

export const router = Router();

router.post("/auth/register", async (req, res) => {
  limit(req, "auth_register");
  const ctx = appContext(req);
  const { password, ...values } = parse(registerBody, req.body, "body");
  if ((await findUser(ctx, values.email)) !== undefined) {
    throw conflict("This email is already registered.");
  }
  const row = {
    ...values,
    hashed_password: await hashPassword(password),
    role: ctx.settings.defaultRole,
    is_active: crud.encode("bool", true, ctx.database.dialect),
  };
  const created = await crud.create(ctx, userDef, null, row);
  res.status(201).json(await userBody(ctx, created));
});

router.post("/auth/login", async (req, res) => {
  limit(req, "auth_login");
  const ctx = appContext(req);
  const { email, password } = parse(loginBody, req.body, "body");
  const user = await findUser(ctx, email);
  const valid = await verifyPassword(password, user?.hashed_password as string | undefined ?? DUMMY_HASH);
  if (user === undefined || !valid || !user.is_active) {
    throw unauthorized("Wrong email or password.");
  }
  res.json(tokenPair(ctx.settings, user.id));
});

router.post("/auth/refresh", async (req, res) => {
  limit(req, "auth_refresh");
  const ctx = appContext(req);
  const { refresh_token: token } = parse(refreshBody, req.body, "body");
  const id = readToken(ctx.settings, token, "refresh");
  const user = id === null ? null : await loadUser(ctx, id);
  if (user === null) {
    throw unauthorized("Invalid or expired refresh token.");
  }
  res.json(tokenPair(ctx.settings, user.id));
});

router.get("/auth/me", async (req, res) => {
  const user = caller(res);
  if (user === null) {
    throw unauthorized();
  }
  res.json(await userBody(appContext(req), user));
});

const providerParam = z.enum(PROVIDERS);
const authorizeQuery = z.object({
  redirect_uri: z.string().max(2048).optional(),
  state: z.string().max(255).optional(),
});

function provider(req: Parameters<RequestHandler>[0]) {
  const name = parse(providerParam, req.params.provider, "provider");
  const config = appContext(req).settings.oauth.get(name);
  if (config === undefined) {
    throw new HttpError(503, `Sign-in with ${name} is not configured.`);
  }
  return config;
}

router.get("/auth/oauth/:provider/authorize", (req, res) => {
  const config = provider(req);
  const query = parse(authorizeQuery, req.query, "query");
  const target = new URL(config.authorizeUrl);
  target.searchParams.set("response_type", "code");
  target.searchParams.set("client_id", config.clientId);
  target.searchParams.set("scope", "openid email");
  if (query.redirect_uri !== undefined) {
    target.searchParams.set("redirect_uri", query.redirect_uri);
  }
  if (query.state !== undefined) {
    target.searchParams.set("state", query.state);
  }
  res.redirect(302, target.toString());
});

const tokenForm = z.object({
  grant_type: z.literal("authorization_code"),
  code: z.string().max(4096),
  redirect_uri: z.string().max(2048).optional(),
});

/** The email the provider vouches for, given an authorization code. */
async function exchangeCode(
  config: ReturnType<typeof provider>,
  form: z.output<typeof tokenForm>,
): Promise<string> {
  const data = new URLSearchParams({
    grant_type: "authorization_code",
    code: form.code,
    client_id: config.clientId,
    client_secret: config.clientSecret,
  });
  if (form.redirect_uri !== undefined) {
    data.set("redirect_uri", form.redirect_uri);
  }
  try {
    const signal = AbortSignal.timeout(10_000);
    const token = await fetch(config.tokenUrl, {
      method: "POST",
      body: data,
      headers: { Accept: "application/json" },
      signal,
    });
    const { access_token: access } = (await token.json()) as { access_token?: string };
    const info = await fetch(config.userinfoUrl, {
      headers: { Authorization: `Bearer ${access ?? ""}` },
      signal,
    });
    const { email } = (await info.json()) as { email?: unknown };
    if (token.ok && info.ok && typeof email === "string" && email.includes("@")) {
      return email;
    }
  } catch {
    // An unreachable provider or an unreadable answer: the code is not accepted.
  }
  throw unauthorized("The provider did not accept the code.");
}

router.post("/auth/oauth/:provider/token", async (req, res) => {
  limit(req, "auth_oauth_token");
  const config = provider(req);
  const ctx = appContext(req);
  const email = await exchangeCode(config, parse(tokenForm, req.body, "body"));
  let user: Row | undefined = await findUser(ctx, email);
  if (user === undefined) {
    user = await crud.create(ctx, userDef, null, {
      email,
      hashed_password: "!",
      role: ctx.settings.defaultRole,
      is_active: crud.encode("bool", true, ctx.database.dialect),
    });
  }
  res.json(tokenPair(ctx.settings, Number(user.id)));
});
