/** Start the HTTP server: `node dist/server.js [--port 8000]`. */
import { parseArgs } from "node:util";

import { createApp } from "./app.js";
import { loadSettings } from "./config.js";
import { connect } from "./db/database.js";
import { createLogger } from "./logger.js";

const { values } = parseArgs({
  options: { port: { type: "string" }, host: { type: "string" } },
});
const settings = loadSettings();
const logger = createLogger(settings.logLevel);
const database = connect(settings.databaseUrl);
const app = createApp(settings, database, logger);
const port = Number(values.port ?? process.env.PORT ?? 8000);
const host = values.host ?? process.env.HOST ?? "0.0.0.0";

const server = app.listen(port, host, () => {
  logger.info({ port, host, environment: settings.environment }, "listening");
});

function shutdown(signal: string): void {
  logger.info({ signal }, "shutting down");
  server.close(() => {
    void database.db.destroy().then(() => process.exit(0));
  });
}

process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
