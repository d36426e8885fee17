// ESLint flat config: typescript-eslint + the Office add-in rules (eslint-plugin-office-addins), Prettier as a rule.
import officeAddins from "eslint-plugin-office-addins";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

const officeRules = Object.fromEntries(
  Object.keys(officeAddins.rules).map((name) => [`office-addins/${name}`, "error"]),
);

/** What nothing in src/core may import (ESLint replaces, not merges, a rule set again for a narrower glob). */
const CORE_PATTERNS = [
  {
    group: ["exceljs", "jszip", "docx", "react", "react-dom", "@fluentui/*", "@microsoft/*"],
    message: "The core is pure: no workbook library, UI or Office.",
  },
  { group: ["node:*", "fs", "path", "os", "child_process"], message: "The core does no IO." },
  {
    group: ["**/hosts/**", "**/taskpane/**", "**/standalone/**", "**/cli/**", "**/commands/**", "**/i18n/**"],
    message: "The core imports nothing outside src/core.",
  },
];

export default tseslint.config(
  { ignores: ["dist/**", "dist-cli/**", "out/**", "node_modules/**", "test-artifacts/**", "coverage/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs,cjs}"],
    plugins: { "office-addins": officeAddins, "react-hooks": reactHooks },
    languageOptions: {
      // eslint-plugin-office-addins 4.0.10 needs typescript-eslint's parser set explicitly (docs/EXCEL-NOTES.md).
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
  // The layering of docs/ARCHITECTURE.md: each folder imports only what its row there allows.
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "no-restricted-imports": [
        "error",
        {
          patterns: CORE_PATTERNS,
        },
      ],
    },
  },
  {
    // The engine never reaches into the plan: the plan is built from an analysis, not the other way round.
    files: ["src/core/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...CORE_PATTERNS,
            {
              group: ["./plan/*", "./plan"],
              message: "src/core must not import src/core/plan (no cycle between engine and plan).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/hosts/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "**/taskpane/**",
                "**/standalone/**",
                "**/cli/**",
                "**/commands/**",
                "**/i18n/**",
                "react",
                "react-dom",
                "@fluentui/*",
              ],
              message: "Hosts import the core and their workbook library only.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/commands/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/taskpane/**", "**/standalone/**", "**/cli/**", "react", "react-dom", "@fluentui/*"],
              message: "The ribbon command imports the core, the hosts and the UI strings only.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/i18n/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/taskpane/**", "**/standalone/**", "**/cli/**", "**/commands/**"],
              message: "UI strings import the core and the host contract only.",
            },
          ],
        },
      ],
    },
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
