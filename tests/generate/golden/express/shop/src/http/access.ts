/** Who may call an operation, and which rows they may touch (owner and tenant scoping). */
import type { Request, Response } from "express";

import { appContext, caller, type User } from "../context.js";
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

/** The tenants a user belongs to (extend when tenant membership is modelled). */
export function tenantIds(user: User): number[] {
  void user;
  return [];
}

function scopeOf(user: User | null, guard: Guard): Scope {
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
  return { ...everyone, ownerOnly: byOwner, tenantIds: byTenant ? tenantIds(user) : null };
}

/** Check the caller against `guard` (401/403) and its rate limits (429); their scope. */
export function authorize(req: Request, res: Response, guard: Guard): Scope {
  const scope = scopeOf(caller(res), guard);
  appContext(req).limiter.enforce(guard.operation, guard.limits, {
    ip: req.ip ?? "unknown",
    userId: scope.userId,
  });
  return scope;
}
