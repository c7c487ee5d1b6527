// Static security analysis of the application code (`npm run lint:security`; infranest
// verify's security step): every rule of eslint-plugin-security's recommended set, as errors.
import security from "eslint-plugin-security";
import tseslint from "typescript-eslint";

const rules = Object.fromEntries(
  Object.keys(security.configs.recommended.rules).map((rule) => [rule, "error"]),
);

export default [
  { ignores: ["dist/", "coverage/", "node_modules/", ".infranest/"] },
  {
    files: ["src/**/*.ts"],
    languageOptions: { parser: tseslint.parser },
    plugins: { security },
    rules,
  },
];
