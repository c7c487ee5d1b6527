// ESLint flat config: the recommended JavaScript and typescript-eslint rules, and the
// security rules of eslint.security.config.js on src/.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

import securityRules from "./eslint.security.config.js";

export default tseslint.config(
  { ignores: ["dist/", "coverage/", "node_modules/", ".infranest/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-console": "error",
    },
  },
  ...securityRules,
);
