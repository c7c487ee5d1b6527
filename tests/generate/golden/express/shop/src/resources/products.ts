/** Product routes: `/products` and `/products/{id}`. */
import { Router } from "express";
import { z } from "zod";

import { appContext } from "../context.js";
import { parse } from "../core/errors.js";
import { authorize } from "../http/access.js";
import * as crud from "../http/crud.js";
import { unique } from "../http/validation.js";

export const def: crud.ResourceDef = {
  table: "products",
  readKeys: ["id", "name", "sku", "description", "price", "currency", "stock", "weight_grams", "active", "image", "details", "category_id", "created_at", "updated_at", "version"],
  codecs: {
    price: "decimal:2",
    active: "bool",
    details: "json",
    created_at: "datetime",
    updated_at: "datetime",
  },
  many: [
    { key: "tags_ids", table: "product_tags", local: "product_id", remote: "tag_id", targetTable: "tags" },
  ],
  readRoles: {},
  writeRoles: {},
  owner: null,
  tenant: null,
  parents: [],
  softDelete: true,
  versioned: true,
  timestamps: true,
  search: ["name", "sku", "description"],
  filters: {
    category_id: { column: "category_id", op: "eq" },
    active: { column: "active", op: "eq" },
    price: { column: "price", op: "eq" },
    price__gte: { column: "price", op: "gte" },
    price__lte: { column: "price", op: "lte" },
    currency: { column: "currency", op: "eq" },
  },
  defaults: {
    currency: () => "eur",
    stock: () => 0,
    active: () => true,
  },
};

export const createBody = z.strictObject({
  name: z.string().min(2).max(120),
  sku: z.string().max(32).regex(new RegExp("^[A-Z0-9-]{4,32}$", 'u')),
  description: z.string().max(10000).nullable().optional(),
  price: z.string().regex(new RegExp("^\\d{1,8}(?:\\.\\d{1,2}|)$", 'u')).refine((v) => Number(v) >= 0, 'must be at least 0'),
  currency: z.enum(["eur", "usd", "gbp"]).optional(),
  stock: z.number().int().min(0).max(2147483647).optional(),
  weight_grams: z.number().int().min(1).max(2147483647).nullable().optional(),
  active: z.boolean().optional(),
  image: z.url().max(2048).nullable().optional(),
  details: z.json().optional(),
  category_id: z.number().int().min(1).max(9007199254740991),
  tags_ids: z.array(z.number().int().min(1).max(9007199254740991)).refine(unique, 'must not repeat a value').optional(),
});

export const updateBody = z.strictObject({
  name: z.string().min(2).max(120).optional(),
  sku: z.string().max(32).regex(new RegExp("^[A-Z0-9-]{4,32}$", 'u')).optional(),
  description: z.string().max(10000).nullable().optional(),
  price: z.string().regex(new RegExp("^\\d{1,8}(?:\\.\\d{1,2}|)$", 'u')).refine((v) => Number(v) >= 0, 'must be at least 0').optional(),
  currency: z.enum(["eur", "usd", "gbp"]).optional(),
  stock: z.number().int().min(0).max(2147483647).optional(),
  weight_grams: z.number().int().min(1).max(2147483647).nullable().optional(),
  active: z.boolean().optional(),
  image: z.url().max(2048).nullable().optional(),
  details: z.json().optional(),
  category_id: z.number().int().min(1).max(9007199254740991).optional(),
  tags_ids: z.array(z.number().int().min(1).max(9007199254740991)).refine(unique, 'must not repeat a value').optional(),
  version: z.number().int().min(1).max(2147483647),
});

export const listQuery = z.object({
  cursor: z.string().max(512).optional(),
  size: z.string().regex(new RegExp("^-?\\d+$", 'u')).transform(Number).pipe(z.number().int().min(1).max(96)).default(24),
  q: z.string().max(255).optional(),
  sort: z.enum(["price", "-price", "name", "-name", "stock", "-stock"]).optional(),
  category_id: z.string().regex(new RegExp("^-?\\d+$", 'u')).transform(Number).pipe(z.number().int().min(1).max(9007199254740991)).optional(),
  active: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').optional(),
  price: z.string().regex(new RegExp("^-?\\d{1,8}(?:\\.\\d{1,2}|)$", 'u')).optional(),
  price__gte: z.string().regex(new RegExp("^-?\\d{1,8}(?:\\.\\d{1,2}|)$", 'u')).optional(),
  price__lte: z.string().regex(new RegExp("^-?\\d{1,8}(?:\\.\\d{1,2}|)$", 'u')).optional(),
  currency: z.enum(["eur", "usd", "gbp"]).optional(),
});

export const router = Router();

/** List products. */
router.get("/products", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "list_products", principals: ["anyone"], limits: [], owner: def.owner, tenant: def.tenant });
  const params = parse(listQuery, req.query, "query");
  res.json(await crud.cursorPage(ctx, def, scope, params));
});

/** Create product. */
router.post("/products", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "create_product", principals: ["admin", "staff"], limits: [], owner: def.owner, tenant: def.tenant, creating: true });
  const answer = await (async () => {
    const values = parse(createBody, req.body, "body");
    crud.checkWrites(def, Object.keys(values), scope.role, def.owner !== null);
    const row = await crud.create(ctx, def, scope.user, values);
    return { status: 201, body: await crud.serializeOne(ctx, def, row, scope.role, scope.userId) };
  })();
  res.status(answer.status).json(answer.body);
});

/** Read product. */
router.get("/products/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "get_product", principals: ["anyone"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  res.json(await crud.serializeOne(ctx, def, row, scope.role, scope.userId));
});

/** Update product. */
router.patch("/products/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "update_product", principals: ["admin", "staff"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  const changes = parse(updateBody, req.body, "body");
  crud.checkWrites(def, Object.keys(changes), scope.role, crud.owns(def, row, scope.userId));
  const saved = await crud.update(ctx, def, row, changes);
  res.json(await crud.serializeOne(ctx, def, saved, scope.role, scope.userId));
});

/** Delete product. */
router.delete("/products/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "delete_product", principals: ["admin"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  await crud.remove(ctx, def, row);
  res.status(204).end();
});
