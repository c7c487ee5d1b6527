/** Errors answered as `Problem` bodies: `{"detail": str, "errors": [{"field", "message"}]}`. */
import type { ErrorRequestHandler, RequestHandler } from "express";
import { ZodError, type z } from "zod";

import type { Logger } from "../logger.js";

export interface FieldError {
  field: string;
  message: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export const notFound = (): HttpError => new HttpError(404, "Not found.");
export const forbidden = (detail = "You may not do this."): HttpError => new HttpError(403, detail);
export const unauthorized = (detail = "Not authenticated."): HttpError =>
  new HttpError(401, detail, [], { "WWW-Authenticate": "Bearer" });
export const conflict = (detail = "The request conflicts with existing data."): HttpError =>
  new HttpError(409, detail);

/** The 422 answer for a failed validation of `where` (body, query, header). */
export function invalid(error: ZodError, where: string): HttpError {
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        errors.push({ field: [...issue.path, key].join("."), message: "unknown field" });
      }
      continue;
    }
    errors.push({ field: issue.path.join(".") || where, message: issue.message });
  }
  return new HttpError(422, "The request is invalid.", errors);
}

/** `value` parsed by `schema`; a failure answers 422 naming each field at fault. */
export function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw invalid(result.error, where);
  }
  return result.data;
}

interface DatabaseError {
  code?: unknown;
}

/** Unique, foreign-key and check violations (SQLite and PostgreSQL codes). */
export function isConstraintError(error: unknown): boolean {
  const code = (error as DatabaseError | null)?.code;
  return (
    typeof code === "string" &&
    (code.startsWith("SQLITE_CONSTRAINT") || ["23505", "23503", "23502", "23514"].includes(code))
  );
}

export const routeNotFound: RequestHandler = () => {
  throw notFound();
};

interface BodyParserError {
  type?: string;
  status?: number;
}

/** The last handler: every error becomes a Problem body; unexpected ones are logged. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    let problem: HttpError;
    if (error instanceof HttpError) {
      problem = error;
    } else if (error instanceof ZodError) {
      problem = invalid(error, "body");
    } else if (isConstraintError(error)) {
      problem = conflict();
    } else if ((error as BodyParserError).type === "entity.parse.failed") {
      problem = new HttpError(400, "The body is not valid JSON.");
    } else if (typeof (error as BodyParserError).status === "number") {
      const status = (error as BodyParserError).status ?? 400;
      problem = new HttpError(status >= 500 ? 400 : status, "The request cannot be read.");
    } else {
      logger.error({ err: error }, "unhandled error");
      problem = new HttpError(500, "Internal server error.");
    }
    res.status(problem.status).set(problem.headers).json({ detail: problem.detail, errors: problem.errors });
  };
}
