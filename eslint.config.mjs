// ESLint flat config: typescript-eslint + the Office add-in rules (eslint-plugin-office-addins), Prettier as a rule.
import officeAddins from "eslint-plugin-office-addins";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

const officeRules = Object.fromEntries(
  Object.keys(officeAddins.rules).map((name) => [`office-addins/${name}`, "error"]),
);

export default tseslint.config(
  { ignores: ["dist/**", "out/**", "node_modules/**", "test-artifacts/**", "coverage/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs,cjs}"],
    plugins: { "office-addins": officeAddins, "react-hooks": reactHooks },
    languageOptions: {
      // eslint-plugin-office-addins 4.0.10 needs typescript-eslint's parser set explicitly (EXCEL-NOTES.md).
      parser: tseslint.parser,
      ecmaVersion: 2022,
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The Office.js rules read any `.value` after a load as Office proxy access: only Office code gets them.
    files: [
      "src/hosts/excel/**/*.ts",
      "src/taskpane/**/*.{ts,tsx}",
      "src/commands/**/*.ts",
      "test/hosts/excel/**/*.ts",
    ],
    rules: { ...officeRules, "office-addins/no-office-initialize": "off" },
  },
  {
    // Tests read loosely typed JSON from the command line.
    files: ["test/**/*.{ts,tsx}"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "error" },
  },
  {
    files: ["**/*.cjs", "**/*.js", "test/**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { module: "writable", require: "readonly", process: "readonly", __dirname: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
