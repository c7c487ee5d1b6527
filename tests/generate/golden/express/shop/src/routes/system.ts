/** Liveness, readiness, metrics and the contract document. */
import { readFileSync } from "node:fs";

import { Router } from "express";

import { appContext } from "../context.js";
import { ping } from "../db/database.js";

/** The OpenAPI document this service conforms to (`openapi.json` at the project root). */
export const openapi: unknown = JSON.parse(
  // eslint-disable-next-line security/detect-non-literal-fs-filename -- a fixed file beside the app, found from this module's URL
  readFileSync(new URL("../../openapi.json", import.meta.url), "utf8"),
);

export const router = Router();

router.get("/health", (_req, res) => {
  res.json({ status: "ok" });
});

router.get("/ready", async (req, res) => {
  const ready = await ping(appContext(req).database);
  res.status(ready ? 200 : 503).json({ status: ready ? "ok" : "unavailable" });
});

router.get("/metrics", async (req, res) => {
  const { registry } = appContext(req).metrics;
  res.type(registry.contentType).send(await registry.metrics());
});

router.get("/openapi.json", (_req, res) => {
  res.json(openapi);
});
