/** Structured JSON logs (pino) on standard output. */
import { pino, type Logger as PinoLogger } from "pino";

export type Logger = PinoLogger;

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "shop" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: ["req.headers.authorization", "password", "refresh_token"],
  });
}
