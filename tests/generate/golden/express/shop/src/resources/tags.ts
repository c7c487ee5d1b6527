/** Tag routes: `/tags` and `/tags/{id}`. */
import { Router } from "express";
import { z } from "zod";

import { appContext } from "../context.js";
import { parse } from "../core/errors.js";
import { authorize } from "../http/access.js";
import * as crud from "../http/crud.js";
import { unique } from "../http/validation.js";

export const def: crud.ResourceDef = {
  table: "tags",
  readKeys: ["id", "label"],
  codecs: {},
  many: [
    { key: "products_ids", table: "product_tags", local: "tag_id", remote: "product_id", targetTable: "products" },
  ],
  readRoles: {},
  writeRoles: {},
  owner: null,
  tenant: null,
  parents: [],
  softDelete: false,
  versioned: false,
  timestamps: false,
  search: ["label"],
  filters: {},
  defaults: {},
};

export const createBody = z.strictObject({
  label: z.string().max(40),
  products_ids: z.array(z.number().int().min(1).max(9007199254740991)).refine(unique, 'must not repeat a value').optional(),
});

export const updateBody = z.strictObject({
  label: z.string().max(40).optional(),
  products_ids: z.array(z.number().int().min(1).max(9007199254740991)).refine(unique, 'must not repeat a value').optional(),
});

export const listQuery = z.object({
  page: z.string().regex(new RegExp("^-?\\d+$", 'u')).transform(Number).pipe(z.number().int().min(1).max(2147483647)).default(1),
  size: z.string().regex(new RegExp("^-?\\d+$", 'u')).transform(Number).pipe(z.number().int().min(1).max(100)).default(20),
  q: z.string().max(255).optional(),
});

export const router = Router();

/** List tags. */
router.get("/tags", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "list_tags", principals: ["anyone"], limits: [], owner: def.owner, tenant: def.tenant });
  const params = parse(listQuery, req.query, "query");
  res.json(await crud.offsetPage(ctx, def, scope, params));
});

/** Create tag. */
router.post("/tags", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "create_tag", principals: ["admin", "staff"], limits: [], owner: def.owner, tenant: def.tenant, creating: true });
  const answer = await (async () => {
    const values = parse(createBody, req.body, "body");
    crud.checkWrites(def, Object.keys(values), scope.role, def.owner !== null);
    const row = await crud.create(ctx, def, scope.user, values);
    return { status: 201, body: await crud.serializeOne(ctx, def, row, scope.role, scope.userId) };
  })();
  res.status(answer.status).json(answer.body);
});

/** Read tag. */
router.get("/tags/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "get_tag", principals: ["anyone"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  res.json(await crud.serializeOne(ctx, def, row, scope.role, scope.userId));
});

/** Update tag. */
router.patch("/tags/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "update_tag", principals: ["admin", "staff"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  const changes = parse(updateBody, req.body, "body");
  crud.checkWrites(def, Object.keys(changes), scope.role, crud.owns(def, row, scope.userId));
  const saved = await crud.update(ctx, def, row, changes);
  res.json(await crud.serializeOne(ctx, def, saved, scope.role, scope.userId));
});

/** Delete tag. */
router.delete("/tags/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "delete_tag", principals: ["admin", "staff"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  await crud.remove(ctx, def, row);
  res.status(204).end();
});
