/** The Express application: middleware, routes and the Problem error handler. */
import cors from "cors";
import express, { type Express } from "express";
import helmet from "helmet";

import type { Settings } from "./config.js";
import type { AppContext } from "./context.js";
import { problemHandler, routeNotFound } from "./core/errors.js";
import { IdempotencyStore } from "./core/idempotency.js";
import { createMetrics } from "./core/metrics.js";
import { RateLimiter } from "./core/ratelimit.js";
import type { Database } from "./db/database.js";
import { createLogger, type Logger } from "./logger.js";
import { router as categories } from "./resources/categories.js";
import { router as tags } from "./resources/tags.js";
import { router as products } from "./resources/products.js";
import { router as carts } from "./resources/carts.js";
import { router as cartItems } from "./resources/cart_items.js";
import { router as orders } from "./resources/orders.js";
import { router as orderItems } from "./resources/order_items.js";
import { router as payments } from "./resources/payments.js";
import { router as reviews } from "./resources/reviews.js";
import { authenticate, router as auth } from "./routes/auth.js";
import { router as system } from "./routes/system.js";

export function createApp(settings: Settings, database: Database, logger?: Logger): Express {
  const context: AppContext = {
    settings,
    database,
    logger: logger ?? createLogger(settings.logLevel),
    limiter: new RateLimiter(settings.rateLimitEnabled),
    idempotency: new IdempotencyStore(),
    metrics: createMetrics(),
  };
  const app = express();
  app.locals.context = context;
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.set("query parser", "simple");
  app.use(helmet());
  app.use(cors({ origin: settings.corsOrigins, credentials: true }));
  app.use(context.metrics.middleware);
  app.use((req, res, next) => {
    const started = performance.now();
    res.on("finish", () => {
      context.logger.info(
        {
          method: req.method,
          path: req.path,
          status: res.statusCode,
          duration_ms: Math.round(performance.now() - started),
        },
        "request",
      );
    });
    next();
  });
  app.use(express.json({ limit: "1mb", strict: false }));
  app.use(express.urlencoded({ extended: false, limit: "64kb" }));
  app.use(system);
  app.use(authenticate);
  app.use(auth);
  app.use(categories);
  app.use(tags);
  app.use(products);
  app.use(carts);
  app.use(cartItems);
  app.use(orders);
  app.use(orderItems);
  app.use(payments);
  app.use(reviews);
  app.use(routeNotFound);
  app.use(problemHandler(context.logger));
  return app;
}
