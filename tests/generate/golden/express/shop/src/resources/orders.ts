/** Order routes: `/orders` and `/orders/{id}`. */
import { Router } from "express";
import { z } from "zod";

import { appContext } from "../context.js";
import { parse } from "../core/errors.js";
import { once } from "../core/idempotency.js";
import { authorize } from "../http/access.js";
import * as crud from "../http/crud.js";

export const def: crud.ResourceDef = {
  table: "orders",
  readKeys: ["id", "number", "customer_id", "status", "subtotal", "shipping_fee", "total", "currency", "ship_to_name", "ship_to_address", "phone", "note", "placed_at", "created_at", "updated_at", "version"],
  codecs: {
    subtotal: "decimal:2",
    shipping_fee: "decimal:2",
    total: "decimal:2",
    placed_at: "datetime",
    created_at: "datetime",
    updated_at: "datetime",
  },
  many: [],
  readRoles: {},
  writeRoles: {},
  owner: "customer_id",
  tenant: null,
  parents: [],
  softDelete: false,
  versioned: true,
  timestamps: true,
  search: ["number"],
  filters: {
    status: { column: "status", op: "eq" },
    customer_id: { column: "customer_id", op: "eq" },
    placed_at: { column: "placed_at", op: "eq" },
    placed_at__gte: { column: "placed_at", op: "gte" },
    placed_at__lte: { column: "placed_at", op: "lte" },
  },
  defaults: {
    currency: () => "eur",
    status: () => "pending",
    subtotal: () => "0",
    shipping_fee: () => "0",
    total: () => "0",
    placed_at: () => new Date().toISOString(),
  },
};

export const createBody = z.strictObject({
  currency: z.enum(["eur", "usd", "gbp"]).optional(),
  ship_to_name: z.string().max(120),
  ship_to_address: z.string(),
  phone: z.string().max(20).regex(new RegExp("^\\+?[0-9 ]{6,20}$", 'u')).nullable().optional(),
  note: z.string().max(500).nullable().optional(),
});

export const updateBody = z.strictObject({
  currency: z.enum(["eur", "usd", "gbp"]).optional(),
  ship_to_name: z.string().max(120).optional(),
  ship_to_address: z.string().optional(),
  phone: z.string().max(20).regex(new RegExp("^\\+?[0-9 ]{6,20}$", 'u')).nullable().optional(),
  note: z.string().max(500).nullable().optional(),
  version: z.number().int().min(1).max(2147483647),
});

export const listQuery = z.object({
  cursor: z.string().max(512).optional(),
  size: z.string().regex(new RegExp("^-?\\d+$", 'u')).transform(Number).pipe(z.number().int().min(1).max(100)).default(20),
  q: z.string().max(255).optional(),
  sort: z.enum(["placed_at", "-placed_at", "total", "-total"]).optional(),
  status: z.enum(["pending", "paid", "packed", "shipped", "delivered", "cancelled", "refunded"]).optional(),
  customer_id: z.string().regex(new RegExp("^-?\\d+$", 'u')).transform(Number).pipe(z.number().int().min(1).max(9007199254740991)).optional(),
  placed_at: z.iso.datetime({ offset: true, local: true }).optional(),
  placed_at__gte: z.iso.datetime({ offset: true, local: true }).optional(),
  placed_at__lte: z.iso.datetime({ offset: true, local: true }).optional(),
});

export const router = Router();

/** List orders. */
router.get("/orders", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "list_orders", principals: ["owner", "staff", "admin"], limits: [], owner: def.owner, tenant: def.tenant });
  const params = parse(listQuery, req.query, "query");
  res.json(await crud.cursorPage(ctx, def, scope, params));
});

/** Create order. */
router.post("/orders", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "create_order", principals: ["customer"], limits: [{ count: 20, period: "hour", scope: "user" }, { count: 10, period: "minute", scope: "user" }, { count: 100, period: "minute", scope: "ip" }], owner: def.owner, tenant: def.tenant, creating: true });
  const answer = await once(ctx.idempotency, req.headers["idempotency-key"], `create_order:${scope.userId ?? req.ip ?? ""}:${req.path}`, async () => {
    const values = parse(createBody, req.body, "body");
    crud.checkWrites(def, Object.keys(values), scope.role, def.owner !== null);
    const row = await crud.create(ctx, def, scope.user, values);
    return { status: 201, body: await crud.serializeOne(ctx, def, row, scope.role, scope.userId) };
  });
  res.status(answer.status).json(answer.body);
});

/** Read order. */
router.get("/orders/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "get_order", principals: ["owner", "staff", "admin"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  res.json(await crud.serializeOne(ctx, def, row, scope.role, scope.userId));
});

/** Update order. */
router.patch("/orders/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "update_order", principals: ["staff", "admin"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  const changes = parse(updateBody, req.body, "body");
  crud.checkWrites(def, Object.keys(changes), scope.role, crud.owns(def, row, scope.userId));
  const saved = await crud.update(ctx, def, row, changes);
  res.json(await crud.serializeOne(ctx, def, saved, scope.role, scope.userId));
});

/** Delete order. */
router.delete("/orders/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "delete_order", principals: ["admin"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  await crud.remove(ctx, def, row);
  res.status(204).end();
});

/** Cancel order. */
router.post("/orders/:id/cancel", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "order_cancel", principals: ["owner", "staff"], limits: [{ count: 5, period: "minute", scope: "user" }], owner: def.owner, tenant: def.tenant });
  const answer = await once(ctx.idempotency, req.headers["idempotency-key"], `order_cancel:${scope.userId ?? req.ip ?? ""}:${req.path}`, async () => {
    const row = await crud.getRow(ctx, def, scope, req.params.id);
    // TODO: implement the `cancel` action: change the row, then answer it.
    return { status: 200, body: await crud.serializeOne(ctx, def, row, scope.role, scope.userId) };
  });
  res.status(answer.status).json(answer.body);
});

/** Ship order. */
router.post("/orders/:id/ship", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "order_ship", principals: ["staff"], limits: [], owner: def.owner, tenant: def.tenant });
  const answer = await (async () => {
    const row = await crud.getRow(ctx, def, scope, req.params.id);
    // TODO: implement the `ship` action: change the row, then answer it.
    return { status: 200, body: await crud.serializeOne(ctx, def, row, scope.role, scope.userId) };
  })();
  res.status(answer.status).json(answer.body);
});

/** Refund order. */
router.post("/orders/:id/refund", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "order_refund", principals: ["admin"], limits: [], owner: def.owner, tenant: def.tenant });
  const answer = await once(ctx.idempotency, req.headers["idempotency-key"], `order_refund:${scope.userId ?? req.ip ?? ""}:${req.path}`, async () => {
    const row = await crud.getRow(ctx, def, scope, req.params.id);
    // TODO: implement the `refund` action: change the row, then answer it.
    return { status: 200, body: await crud.serializeOne(ctx, def, row, scope.role, scope.userId) };
  });
  res.status(answer.status).json(answer.body);
});
