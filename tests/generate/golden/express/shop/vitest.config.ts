import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    env: { ENVIRONMENT: "test", LOG_LEVEL: "silent" },
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      exclude: ["src/server.ts", "src/migrate.ts"],
      reporter: ["text", "json-summary"],
      reportOnFailure: true,
      thresholds: { statements: 90 },
    },
  },
});
