/** Create or upgrade the database schema: `node dist/migrate.js`. */
import { loadSettings } from "./config.js";
import { connect } from "./db/database.js";
import { migrate } from "./db/migrations.js";
import { createLogger } from "./logger.js";

const settings = loadSettings();
const logger = createLogger(settings.logLevel);
const database = connect(settings.databaseUrl);
try {
  await migrate(database);
  logger.info("database schema is up to date");
} finally {
  await database.db.destroy();
}
