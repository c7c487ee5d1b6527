/** Payment routes: `/payments` and `/payments/{id}`. */
import { Router } from "express";
import { z } from "zod";

import { appContext } from "../context.js";
import { parse } from "../core/errors.js";
import { once } from "../core/idempotency.js";
import { authorize } from "../http/access.js";
import * as crud from "../http/crud.js";

export const def: crud.ResourceDef = {
  table: "payments",
  readKeys: ["id", "paid_order_id", "customer_id", "provider_ref", "amount", "currency", "status", "card_last4", "created_at", "updated_at"],
  codecs: {
    amount: "decimal:2",
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
  versioned: false,
  timestamps: true,
  search: [],
  filters: {
    status: { column: "status", op: "eq" },
    currency: { column: "currency", op: "eq" },
  },
  defaults: {
    status: () => "authorized",
  },
};

export const createBody = z.strictObject({
  paid_order_id: z.number().int().min(1).max(9007199254740991),
  amount: z.string().regex(new RegExp("^\\d{1,10}(?:\\.\\d{1,2}|)$", 'u')).refine((v) => Number(v) >= 0, 'must be at least 0'),
  currency: z.enum(["eur", "usd", "gbp"]),
});

export const updateBody = z.strictObject({
  paid_order_id: z.number().int().min(1).max(9007199254740991).optional(),
  amount: z.string().regex(new RegExp("^\\d{1,10}(?:\\.\\d{1,2}|)$", 'u')).refine((v) => Number(v) >= 0, 'must be at least 0').optional(),
  currency: z.enum(["eur", "usd", "gbp"]).optional(),
});

export const listQuery = z.object({
  page: z.string().regex(new RegExp("^-?\\d+$", 'u')).transform(Number).pipe(z.number().int().min(1).max(2147483647)).default(1),
  size: z.string().regex(new RegExp("^-?\\d+$", 'u')).transform(Number).pipe(z.number().int().min(1).max(100)).default(20),
  sort: z.enum(["amount", "-amount"]).optional(),
  status: z.enum(["authorized", "captured", "failed", "refunded"]).optional(),
  currency: z.enum(["eur", "usd", "gbp"]).optional(),
});

export const router = Router();

/** List payments. */
router.get("/payments", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "list_payments", principals: ["admin"], limits: [], owner: def.owner, tenant: def.tenant });
  const params = parse(listQuery, req.query, "query");
  res.json(await crud.offsetPage(ctx, def, scope, params));
});

/** Create payment. */
router.post("/payments", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "create_payment", principals: ["customer"], limits: [{ count: 10, period: "minute", scope: "user" }, { count: 100, period: "minute", scope: "ip" }], owner: def.owner, tenant: def.tenant, creating: true });
  const answer = await once(ctx.idempotency, req.headers["idempotency-key"], `create_payment:${scope.userId ?? req.ip ?? ""}:${req.path}`, async () => {
    const values = parse(createBody, req.body, "body");
    crud.checkWrites(def, Object.keys(values), scope.role, def.owner !== null);
    const row = await crud.create(ctx, def, scope.user, values);
    return { status: 201, body: await crud.serializeOne(ctx, def, row, scope.role, scope.userId) };
  });
  res.status(answer.status).json(answer.body);
});

/** Read payment. */
router.get("/payments/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "get_payment", principals: ["owner", "admin"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  res.json(await crud.serializeOne(ctx, def, row, scope.role, scope.userId));
});

/** Update payment. */
router.patch("/payments/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "update_payment", principals: ["admin"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  const changes = parse(updateBody, req.body, "body");
  crud.checkWrites(def, Object.keys(changes), scope.role, crud.owns(def, row, scope.userId));
  const saved = await crud.update(ctx, def, row, changes);
  res.json(await crud.serializeOne(ctx, def, saved, scope.role, scope.userId));
});

/** Delete payment. */
router.delete("/payments/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "delete_payment", principals: ["admin"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  await crud.remove(ctx, def, row);
  res.status(204).end();
});

/** Capture payment. */
router.post("/payments/:id/capture", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "payment_capture", principals: ["admin"], limits: [], owner: def.owner, tenant: def.tenant });
  const answer = await once(ctx.idempotency, req.headers["idempotency-key"], `payment_capture:${scope.userId ?? req.ip ?? ""}:${req.path}`, async () => {
    const row = await crud.getRow(ctx, def, scope, req.params.id);
    // TODO: implement the `capture` action: change the row, then answer it.
    return { status: 200, body: await crud.serializeOne(ctx, def, row, scope.role, scope.userId) };
  });
  res.status(answer.status).json(answer.body);
});
