/** Prometheus metrics: request counts and latencies by route, plus the process defaults. */
import type { RequestHandler } from "express";
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface Metrics {
  registry: Registry;
  middleware: RequestHandler;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: "http_requests_total",
    help: "HTTP requests by method, route and status.",
    labelNames: ["method", "route", "status"],
    registers: [registry],
  });
  const latency = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request latency by method and route.",
    labelNames: ["method", "route"],
    registers: [registry],
  });
  const middleware: RequestHandler = (req, res, next) => {
    const stop = latency.startTimer();
    res.on("finish", () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? "unmatched";
      const labels = { method: req.method, route: `${req.baseUrl}${route}` };
      stop(labels);
      requests.inc({ ...labels, status: String(res.statusCode) });
    });
    next();
  };
  return { registry, middleware };
}
