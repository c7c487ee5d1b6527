/** Who may call an operation, and which rows they may touch (owner and tenant scoping). */
import type { Request, Response } from "express";

import { appContext, caller, type AppContext, type User } from "../context.js";
import { forbidden, unauthorized } from "../core/errors.js";
import type { Limit } from "../core/ratelimit.js";

/** The rows a caller may touch: every row, or only their own / their tenant's. */
export interface Scope {
  user: User | null;
  userId: number | null;
  role: string | null;
  ownerOnly: boolean;
  tenantIds: number[] | null;
}

export interface Guard {
  operation: string;
  principals: readonly string[];
  limits: readonly Limit[];
  owner?: string | null;
  tenant?: string | null;
  creating?: boolean;
}

/** The tenants a user belongs to. */
export function tenantIds(ctx: AppContext, user: User): Promise<number[]> {
  void ctx;
  void user;
  return Promise.resolve([]);
}

/** The tenant new rows of the caller belong to (their first); 403 when they have none. */
export async function tenantFor(ctx: AppContext, user: User | null): Promise<number> {
  const found = user === null ? [] : await tenantIds(ctx, user);
  if (found[0] === undefined) {
    throw forbidden("You belong to no tenant.");
  }
  return found[0];
}

async function scopeOf(ctx: AppContext, user: User | null, guard: Guard): Promise<Scope> {
  const everyone: Scope = {
    user,
    userId: user?.id ?? null,
    role: user?.role ?? null,
    ownerOnly: false,
    tenantIds: null,
  };
  if (guard.principals.includes("anyone")) {
    return everyone;
  }
  if (user === null) {
    throw unauthorized();
  }
  if (
    guard.principals.includes("authenticated") ||
    (user.role !== null && guard.principals.includes(user.role))
  ) {
    return everyone;
  }
  const byOwner = guard.principals.includes("owner") && guard.owner != null;
  const byTenant = guard.principals.includes("tenant") && guard.tenant != null;
  if (!byOwner && !byTenant) {
    throw forbidden();
  }
  if (guard.creating === true) {
    return everyone;
  }
  return { ...everyone, ownerOnly: byOwner, tenantIds: byTenant ? await tenantIds(ctx, user) : null };
}

/** Check the caller against `guard` (401/403) and its rate limits (429); their scope. */
export async function authorize(req: Request, res: Response, guard: Guard): Promise<Scope> {
  const ctx = appContext(req);
  const scope = await scopeOf(ctx, caller(res), guard);
  ctx.limiter.enforce(guard.operation, guard.limits, {
    ip: req.ip ?? "unknown",
    userId: scope.userId,
  });
  return scope;
}
