/** Jest: ts-jest in transpile-only mode (type checking is `npm run typecheck`). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": [
      "ts-jest",
      { tsconfig: { jsx: "react-jsx", module: "commonjs", esModuleInterop: true, isolatedModules: true } },
    ],
    // opencc-js's per-dictionary modules (src/core/script.ts) are ES modules only: compiled to CommonJS too.
    "node_modules/opencc-js/.+\\.js$": [
      "ts-jest",
      { tsconfig: { allowJs: true, module: "commonjs", isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: ["/node_modules/(?!opencc-js/)"],
  moduleNameMapper: {
    // office-addin-mock pulls office-addin-manifest, whose ESM-only dependency breaks Jest (see docs/EXCEL-NOTES.md).
    "^office-addin-manifest$": "<rootDir>/test/stubs/office-addin-manifest.js",
  },
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
  testTimeout: 120000,
};
