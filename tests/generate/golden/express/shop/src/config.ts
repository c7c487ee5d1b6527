/** Settings, read once from environment variables (see `.env.example`). */

export type Environment = "development" | "test" | "production";

export interface OAuthProvider {
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  userinfoUrl: string;
}

export interface Settings {
  environment: Environment;
  databaseUrl: string;
  secretKey: string;
  corsOrigins: string[];
  logLevel: string;
  rateLimitEnabled: boolean;
  accessTokenMinutes: number;
  refreshTokenDays: number;
  defaultRole: string | null;
  /** The configured providers only. */
  oauth: ReadonlyMap<string, OAuthProvider>;
}

export const EXAMPLE_SECRET_KEY = "change-me";
export const ROLES: readonly string[] = ["admin", "staff", "customer"];
export const OAUTH_PROVIDERS: readonly string[] = ["google", "apple"];
const ENVIRONMENTS: readonly Environment[] = ["development", "test", "production"];

export class SettingsError extends Error {}

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new SettingsError(`${name} must be a positive integer, not ${JSON.stringify(raw)}`);
  }
  return value;
}

function oauthProvider(env: NodeJS.ProcessEnv, name: string): OAuthProvider | undefined {
  const prefix = `OAUTH_${name.toUpperCase()}_`;
  const read = (key: string): string => env[prefix + key] ?? "";
  const provider = {
    clientId: read("CLIENT_ID"),
    clientSecret: read("CLIENT_SECRET"),
    authorizeUrl: read("AUTHORIZE_URL"),
    tokenUrl: read("TOKEN_URL"),
    userinfoUrl: read("USERINFO_URL"),
  };
  return Object.values(provider).every((value) => value !== "") ? provider : undefined;
}

/** The settings in `env`; throws {@link SettingsError} when one is invalid or unsafe. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const environment = (env.ENVIRONMENT ?? "development") as Environment;
  if (!ENVIRONMENTS.includes(environment)) {
    throw new SettingsError(`ENVIRONMENT must be one of ${ENVIRONMENTS.join(", ")}`);
  }
  const secretKey = env.SECRET_KEY ?? EXAMPLE_SECRET_KEY;
  if (environment === "production" && (secretKey === EXAMPLE_SECRET_KEY || secretKey.length < 16)) {
    throw new SettingsError("SECRET_KEY must be set to a long random value in production");
  }
  const defaultRole = env.DEFAULT_ROLE ?? ROLES.at(-1) ?? null;
  if (defaultRole !== null && defaultRole !== "" && !ROLES.includes(defaultRole)) {
    throw new SettingsError(`DEFAULT_ROLE must be one of ${ROLES.join(", ")}`);
  }
  const oauth = new Map<string, OAuthProvider>();
  for (const name of OAUTH_PROVIDERS) {
    const provider = oauthProvider(env, name);
    if (provider !== undefined) {
      oauth.set(name, provider);
    }
  }
  return {
    environment,
    databaseUrl: env.DATABASE_URL ?? "sqlite:///./app.db",
    secretKey,
    corsOrigins: (env.CORS_ORIGINS ?? "https://shop.example.com,https://admin.shop.example.com")
      .split(",")
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ""),
    logLevel: env.LOG_LEVEL ?? (environment === "test" ? "silent" : "info"),
    rateLimitEnabled: (env.RATE_LIMIT_ENABLED ?? "true").toLowerCase() !== "false",
    accessTokenMinutes: positive("ACCESS_TOKEN_MINUTES", env.ACCESS_TOKEN_MINUTES, 30),
    refreshTokenDays: positive("REFRESH_TOKEN_DAYS", env.REFRESH_TOKEN_DAYS, 7),
    defaultRole: defaultRole === "" ? null : defaultRole,
    oauth,
  };
}
