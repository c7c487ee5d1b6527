/** CartItem routes: `/cart-items` and `/cart-items/{id}`. */
import { Router } from "express";
import { z } from "zod";

import { appContext } from "../context.js";
import { parse } from "../core/errors.js";
import { authorize } from "../http/access.js";
import * as crud from "../http/crud.js";

export const def: crud.ResourceDef = {
  table: "cart_items",
  readKeys: ["id", "cart_id", "customer_id", "product_id", "quantity", "created_at", "updated_at"],
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
  defaults: {
    quantity: () => 1,
  },
};

export const createBody = z.strictObject({
  cart_id: z.number().int().min(1).max(9007199254740991),
  product_id: z.number().int().min(1).max(9007199254740991),
  quantity: z.number().int().min(1).max(99).optional(),
});

export const updateBody = z.strictObject({
  cart_id: z.number().int().min(1).max(9007199254740991).optional(),
  product_id: z.number().int().min(1).max(9007199254740991).optional(),
  quantity: z.number().int().min(1).max(99).optional(),
});

export const listQuery = z.object({
  page: z.string().regex(new RegExp("^-?\\d+$", 'u')).transform(Number).pipe(z.number().int().min(1).max(2147483647)).default(1),
  size: z.string().regex(new RegExp("^-?\\d+$", 'u')).transform(Number).pipe(z.number().int().min(1).max(100)).default(20),
});

export const router = Router();

/** List cart items. */
router.get("/cart-items", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "list_cart_items", principals: ["owner"], limits: [], owner: def.owner, tenant: def.tenant });
  const params = parse(listQuery, req.query, "query");
  res.json(await crud.offsetPage(ctx, def, scope, params));
});

/** Create cart item. */
router.post("/cart-items", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "create_cart_item", principals: ["customer"], limits: [], owner: def.owner, tenant: def.tenant, creating: true });
  const answer = await (async () => {
    const values = parse(createBody, req.body, "body");
    crud.checkWrites(def, Object.keys(values), scope.role, def.owner !== null);
    const row = await crud.create(ctx, def, scope.user, values);
    return { status: 201, body: await crud.serializeOne(ctx, def, row, scope.role, scope.userId) };
  })();
  res.status(answer.status).json(answer.body);
});

/** Read cart item. */
router.get("/cart-items/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "get_cart_item", principals: ["owner"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  res.json(await crud.serializeOne(ctx, def, row, scope.role, scope.userId));
});

/** Update cart item. */
router.patch("/cart-items/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "update_cart_item", principals: ["owner"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  const changes = parse(updateBody, req.body, "body");
  crud.checkWrites(def, Object.keys(changes), scope.role, crud.owns(def, row, scope.userId));
  const saved = await crud.update(ctx, def, row, changes);
  res.json(await crud.serializeOne(ctx, def, saved, scope.role, scope.userId));
});

/** Delete cart item. */
router.delete("/cart-items/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "delete_cart_item", principals: ["owner"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  await crud.remove(ctx, def, row);
  res.status(204).end();
});
