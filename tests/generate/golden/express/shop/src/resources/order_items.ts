/** OrderItem routes: `/order-items` and `/order-items/{id}`. */
import { Router } from "express";
import { z } from "zod";

import { appContext } from "../context.js";
import { parse } from "../core/errors.js";
import { authorize } from "../http/access.js";
import * as crud from "../http/crud.js";

export const def: crud.ResourceDef = {
  table: "order_items",
  readKeys: ["id", "parent_order_id", "customer_id", "product_id", "quantity", "unit_price"],
  codecs: {
    unit_price: "decimal:2",
  },
  many: [],
  readRoles: {},
  writeRoles: {},
  owner: "customer_id",
  tenant: null,
  parents: [],
  softDelete: false,
  versioned: false,
  timestamps: false,
  search: [],
  filters: {},
  defaults: {
    unit_price: () => "0",
  },
};

export const createBody = z.strictObject({
  parent_order_id: z.number().int().min(1).max(9007199254740991),
  product_id: z.number().int().min(1).max(9007199254740991),
  quantity: z.number().int().min(1).max(999),
});

export const updateBody = z.strictObject({
  parent_order_id: z.number().int().min(1).max(9007199254740991).optional(),
  product_id: z.number().int().min(1).max(9007199254740991).optional(),
  quantity: z.number().int().min(1).max(999).optional(),
});

export const listQuery = z.object({
  page: z.string().regex(new RegExp("^-?\\d+$", 'u')).transform(Number).pipe(z.number().int().min(1).max(2147483647)).default(1),
  size: z.string().regex(new RegExp("^-?\\d+$", 'u')).transform(Number).pipe(z.number().int().min(1).max(100)).default(20),
});

export const router = Router();

/** List order items. */
router.get("/order-items", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "list_order_items", principals: ["owner", "staff", "admin"], limits: [], owner: def.owner, tenant: def.tenant });
  const params = parse(listQuery, req.query, "query");
  res.json(await crud.offsetPage(ctx, def, scope, params));
});

/** Create order item. */
router.post("/order-items", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "create_order_item", principals: ["admin"], limits: [], owner: def.owner, tenant: def.tenant, creating: true });
  const answer = await (async () => {
    const values = parse(createBody, req.body, "body");
    crud.checkWrites(def, Object.keys(values), scope.role, def.owner !== null);
    const row = await crud.create(ctx, def, scope.user, values);
    return { status: 201, body: await crud.serializeOne(ctx, def, row, scope.role, scope.userId) };
  })();
  res.status(answer.status).json(answer.body);
});

/** Read order item. */
router.get("/order-items/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "get_order_item", principals: ["owner", "staff", "admin"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  res.json(await crud.serializeOne(ctx, def, row, scope.role, scope.userId));
});

/** Update order item. */
router.patch("/order-items/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "update_order_item", principals: ["admin"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  const changes = parse(updateBody, req.body, "body");
  crud.checkWrites(def, Object.keys(changes), scope.role, crud.owns(def, row, scope.userId));
  const saved = await crud.update(ctx, def, row, changes);
  res.json(await crud.serializeOne(ctx, def, saved, scope.role, scope.userId));
});

/** Delete order item. */
router.delete("/order-items/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "delete_order_item", principals: ["admin"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  await crud.remove(ctx, def, row);
  res.status(204).end();
});
