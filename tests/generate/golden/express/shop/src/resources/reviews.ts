/** Review routes: `/reviews` and `/reviews/{id}`. */
import { Router } from "express";
import { z } from "zod";

import { appContext } from "../context.js";
import { parse } from "../core/errors.js";
import { authorize } from "../http/access.js";
import * as crud from "../http/crud.js";

export const def: crud.ResourceDef = {
  table: "reviews",
  readKeys: ["id", "product_id", "author_id", "rating", "title", "body", "verified", "created_at", "updated_at"],
  codecs: {
    verified: "bool",
    created_at: "datetime",
    updated_at: "datetime",
  },
  many: [],
  readRoles: {},
  writeRoles: {},
  owner: "author_id",
  tenant: null,
  parents: [],
  softDelete: true,
  versioned: false,
  timestamps: true,
  search: ["title", "body"],
  filters: {
    product_id: { column: "product_id", op: "eq" },
    rating: { column: "rating", op: "eq" },
    rating__gte: { column: "rating", op: "gte" },
    rating__lte: { column: "rating", op: "lte" },
    verified: { column: "verified", op: "eq" },
  },
  defaults: {
    verified: () => false,
  },
};

export const createBody = z.strictObject({
  product_id: z.number().int().min(1).max(9007199254740991),
  rating: z.number().int().min(1).max(5),
  title: z.string().max(120).nullable().optional(),
  body: z.string().max(5000).nullable().optional(),
});

export const updateBody = z.strictObject({
  product_id: z.number().int().min(1).max(9007199254740991).optional(),
  rating: z.number().int().min(1).max(5).optional(),
  title: z.string().max(120).nullable().optional(),
  body: z.string().max(5000).nullable().optional(),
});

export const listQuery = z.object({
  page: z.string().regex(new RegExp("^-?\\d+$", 'u')).transform(Number).pipe(z.number().int().min(1).max(2147483647)).default(1),
  size: z.string().regex(new RegExp("^-?\\d+$", 'u')).transform(Number).pipe(z.number().int().min(1).max(50)).default(10),
  q: z.string().max(255).optional(),
  sort: z.enum(["rating", "-rating"]).optional(),
  product_id: z.string().regex(new RegExp("^-?\\d+$", 'u')).transform(Number).pipe(z.number().int().min(1).max(9007199254740991)).optional(),
  rating: z.string().regex(new RegExp("^-?\\d+$", 'u')).transform(Number).pipe(z.number().int().min(-2147483648).max(2147483647)).optional(),
  rating__gte: z.string().regex(new RegExp("^-?\\d+$", 'u')).transform(Number).pipe(z.number().int().min(-2147483648).max(2147483647)).optional(),
  rating__lte: z.string().regex(new RegExp("^-?\\d+$", 'u')).transform(Number).pipe(z.number().int().min(-2147483648).max(2147483647)).optional(),
  verified: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').optional(),
});

export const router = Router();

/** List reviews. */
router.get("/reviews", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "list_reviews", principals: ["anyone"], limits: [], owner: def.owner, tenant: def.tenant });
  const params = parse(listQuery, req.query, "query");
  res.json(await crud.offsetPage(ctx, def, scope, params));
});

/** Create review. */
router.post("/reviews", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "create_review", principals: ["customer"], limits: [{ count: 5, period: "hour", scope: "user" }], owner: def.owner, tenant: def.tenant, creating: true });
  const answer = await (async () => {
    const values = parse(createBody, req.body, "body");
    crud.checkWrites(def, Object.keys(values), scope.role, def.owner !== null);
    const row = await crud.create(ctx, def, scope.user, values);
    return { status: 201, body: await crud.serializeOne(ctx, def, row, scope.role, scope.userId) };
  })();
  res.status(answer.status).json(answer.body);
});

/** Read review. */
router.get("/reviews/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "get_review", principals: ["anyone"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  res.json(await crud.serializeOne(ctx, def, row, scope.role, scope.userId));
});

/** Update review. */
router.patch("/reviews/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "update_review", principals: ["owner", "admin"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  const changes = parse(updateBody, req.body, "body");
  crud.checkWrites(def, Object.keys(changes), scope.role, crud.owns(def, row, scope.userId));
  const saved = await crud.update(ctx, def, row, changes);
  res.json(await crud.serializeOne(ctx, def, saved, scope.role, scope.userId));
});

/** Delete review. */
router.delete("/reviews/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "delete_review", principals: ["owner", "admin"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  await crud.remove(ctx, def, row);
  res.status(204).end();
});
