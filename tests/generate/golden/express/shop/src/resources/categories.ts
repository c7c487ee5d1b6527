/** Category routes: `/categories` and `/categories/{id}`. */
import { Router } from "express";
import { z } from "zod";

import { appContext } from "../context.js";
import { parse } from "../core/errors.js";
import { authorize } from "../http/access.js";
import * as crud from "../http/crud.js";

export const def: crud.ResourceDef = {
  table: "categories",
  readKeys: ["id", "name", "slug", "position", "parent_id"],
  codecs: {},
  many: [],
  readRoles: {},
  writeRoles: {},
  owner: null,
  tenant: null,
  parents: [],
  softDelete: false,
  versioned: false,
  timestamps: false,
  search: ["name"],
  filters: {},
  defaults: {
    position: () => 0,
  },
};

export const createBody = z.strictObject({
  name: z.string().max(80),
  slug: z.string().max(80, { abort: true }).regex(/* eslint-disable-line security/detect-unsafe-regex -- the spec's pattern, matched only once the length check (80) passed */ new RegExp("^[a-z0-9]+(-[a-z0-9]+)*$", 'u')),
  position: z.number().int().min(0).max(2147483647).optional(),
  parent_id: z.number().int().min(1).max(9007199254740991).nullable().optional(),
});

export const updateBody = z.strictObject({
  name: z.string().max(80).optional(),
  slug: z.string().max(80, { abort: true }).regex(/* eslint-disable-line security/detect-unsafe-regex -- the spec's pattern, matched only once the length check (80) passed */ new RegExp("^[a-z0-9]+(-[a-z0-9]+)*$", 'u')).optional(),
  position: z.number().int().min(0).max(2147483647).optional(),
  parent_id: z.number().int().min(1).max(9007199254740991).nullable().optional(),
});

export const listQuery = z.object({
  page: z.string().regex(new RegExp("^-?\\d+$", 'u')).transform(Number).pipe(z.number().int().min(1).max(2147483647)).default(1),
  size: z.string().regex(new RegExp("^-?\\d+$", 'u')).transform(Number).pipe(z.number().int().min(1).max(100)).default(20),
  q: z.string().max(255).optional(),
  sort: z.enum(["position", "-position", "name", "-name"]).optional(),
});

export const router = Router();

/** List categories. */
router.get("/categories", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "list_categories", principals: ["anyone"], limits: [], owner: def.owner, tenant: def.tenant });
  const params = parse(listQuery, req.query, "query");
  res.json(await crud.offsetPage(ctx, def, scope, params));
});

/** Create category. */
router.post("/categories", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "create_category", principals: ["admin", "staff"], limits: [], owner: def.owner, tenant: def.tenant, creating: true });
  const answer = await (async () => {
    const values = parse(createBody, req.body, "body");
    crud.checkWrites(def, Object.keys(values), scope.role, def.owner !== null);
    const row = await crud.create(ctx, def, scope.user, values);
    return { status: 201, body: await crud.serializeOne(ctx, def, row, scope.role, scope.userId) };
  })();
  res.status(answer.status).json(answer.body);
});

/** Read category. */
router.get("/categories/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "get_category", principals: ["anyone"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  res.json(await crud.serializeOne(ctx, def, row, scope.role, scope.userId));
});

/** Update category. */
router.patch("/categories/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "update_category", principals: ["admin", "staff"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  const changes = parse(updateBody, req.body, "body");
  crud.checkWrites(def, Object.keys(changes), scope.role, crud.owns(def, row, scope.userId));
  const saved = await crud.update(ctx, def, row, changes);
  res.json(await crud.serializeOne(ctx, def, saved, scope.role, scope.userId));
});

/** Delete category. */
router.delete("/categories/:id", async (req, res) => {
  const ctx = appContext(req);
  const scope = await authorize(req, res, { operation: "delete_category", principals: ["admin", "staff"], limits: [], owner: def.owner, tenant: def.tenant });
  const row = await crud.getRow(ctx, def, scope, req.params.id);
  await crud.remove(ctx, def, row);
  res.status(204).end();
});
