/** Password hashing (scrypt from node:crypto) and JWT access and refresh tokens. */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

import jwt from "jsonwebtoken";

import type { Settings } from "../config.js";

const SCRYPT: ScryptOptions = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 64;

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, SCRYPT, (error, key) => {
      if (error) {
        reject(error);
      } else {
        resolve(key);
      }
    });
  });
}

/** `scrypt$<salt>$<key>` (base64), with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt);
  return `scrypt$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || salt === undefined || key === undefined) {
    return false;
  }
  const expected = Buffer.from(key, "base64");
  const actual = await derive(password, Buffer.from(salt, "base64"));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export type TokenKind = "access" | "refresh";

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: "bearer";
  expires_in: number;
}

export function issueToken(settings: Settings, userId: number, kind: TokenKind): string {
  const seconds =
    kind === "access" ? settings.accessTokenMinutes * 60 : settings.refreshTokenDays * 86400;
  return jwt.sign({ type: kind }, settings.secretKey, {
    algorithm: "HS256",
    subject: String(userId),
    expiresIn: seconds,
  });
}

export function tokenPair(settings: Settings, userId: number): TokenPair {
  return {
    access_token: issueToken(settings, userId, "access"),
    refresh_token: issueToken(settings, userId, "refresh"),
    token_type: "bearer",
    expires_in: settings.accessTokenMinutes * 60,
  };
}

/** The user id a valid token of `kind` names, else null. */
export function readToken(settings: Settings, token: string, kind: TokenKind): number | null {
  try {
    const claims = jwt.verify(token, settings.secretKey, { algorithms: ["HS256"] });
    if (typeof claims === "string" || claims.type !== kind || claims.sub === undefined) {
      return null;
    }
    const id = Number(claims.sub);
    return Number.isSafeInteger(id) && id > 0 ? id : null;
  } catch {
    return null;
  }
}
