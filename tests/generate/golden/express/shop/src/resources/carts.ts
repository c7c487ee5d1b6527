/** Cart routes: `/carts` and `/carts/{id}`. */
import { Router } from "express";
import { z } from "zod";

import { appContext } from "../context.js";
import { parse } from "../core/errors.js";
import { once } from "../core/idempotency.js";
import { authorize } from "../http/access.js";
import * as crud from "../http/crud.js";

export const def: crud.ResourceDef = {
  table: "carts",
  readKeys: ["id", "customer_id", "created_at", "updated_at"],
  codecs: {
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
  filters: {},
  defaults: {},
};

export const createBody = z.strictObject({
});

export const updateBody = z.strictObject({
});

export const listQuery = z.object({
  page: z.string().regex(new RegExp("^-?\\d+$", 'u')).transform(Number).pipe(z.number().int().min(1).max(2147483647)).default(1),
  size: z.string().regex(new RegExp("^-?\\d+$", 'u')).transform(Number).pipe(z.number().int().min(1).max(100)).default(20),
});

export const router = Router();

/** List carts. */
router.get("/carts", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "list_carts", principals: ["owner"], limits: [], owner: def.owner, tenant: def.tenant });
  const params = parse(listQuery, req.query, "query");
  res.json(await crud.offsetPage(ctx, def, scope, params));
});

/** Create cart. */
router.post("/carts", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "create_cart", principals: ["customer"], limits: [], owner: def.owner, tenant: def.tenant, creating: true });
  const answer = await (async () => {
    const values = parse(createBody, req.body, "body");
    crud.checkWrites(def, Object.keys(values), scope.role, def.owner !== null);
    const row = await crud.create(ctx, def, scope.user, values);
    return { status: 201, body: await crud.serializeOne(ctx, def, row, scope.role, scope.userId) };
  })();
  res.status(answer.status).json(answer.body);
});

/** Read cart. */
router.get("/carts/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "get_cart", principals: ["owner"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  res.json(await crud.serializeOne(ctx, def, row, scope.role, scope.userId));
});

/** Update cart. */
router.patch("/carts/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "update_cart", principals: ["owner"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  const changes = parse(updateBody, req.body, "body");
  crud.checkWrites(def, Object.keys(changes), scope.role, crud.owns(def, row, scope.userId));
  const saved = await crud.update(ctx, def, row, changes);
  res.json(await crud.serializeOne(ctx, def, saved, scope.role, scope.userId));
});

/** Delete cart. */
router.delete("/carts/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "delete_cart", principals: ["admin"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  await crud.remove(ctx, def, row);
  res.status(204).end();
});

/** Checkout cart. */
router.post("/carts/:id/checkout", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "cart_checkout", principals: ["owner"], limits: [{ count: 10, period: "minute", scope: "user" }, { count: 100, period: "minute", scope: "ip" }], owner: def.owner, tenant: def.tenant });
  const answer = await once(ctx.idempotency, req.headers["idempotency-key"], `cart_checkout:${scope.userId ?? req.ip ?? ""}:${req.path}`, async () => {
    const row = await crud.getRow(ctx, def, scope, req.params.id);
    // TODO: implement the `checkout` action: change the row, then answer it.
    return { status: 200, body: await crud.serializeOne(ctx, def, row, scope.role, scope.userId) };
  });
  res.status(answer.status).json(answer.body);
});
