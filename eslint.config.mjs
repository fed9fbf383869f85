import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

/** Which layer may import which: the rooms of the architecture (docs/architecture.md). */
const layer = (files, forbidden, message) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns: [{ group: forbidden, message }] }] },
});

export default tseslint.config(
  { ignores: ["lib/", "dist/", "node_modules/", "coverage/", "out/", ".bench/", "test-results/"] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["*.js", "*.mjs", "scripts/*.js", "test/fixtures/*.js", "test/e2e/*.js", "bin/*.js"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    // React ignores what an event handler returns; the pane's handlers report their own failures (useTask).
    rules: { "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }] },
  },
  {
    files: ["src/taskpane/**/*.tsx", "src/taskpane/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  layer(
    ["src/engine/**"],
    // Every engine file lives in a room one level down (src/engine/ROOM/file.ts): "../ROOM/x" stays inside, "../../x" leaves.
    ["../../*", "fs", "path", "os", "zlib", "node:*", "react", "react-dom", "@fluentui/*", "exceljs"],
    "The engine is pure TypeScript: it imports nothing outside src/engine (no Node, no Office, no React).",
  ),
  {
    // The readers' own exceptions stay inside the engine: outside it, a reader's problems arrive as outcomes.
    files: ["src/app/**", "src/io/**", "src/cli/**", "src/taskpane/**", "src/excel/**", "src/functions/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/engine/read/zip"],
              importNames: ["ZipProblem", "zipEntries", "zipLayout", "inflateEntry", "entryBytes", "attempt"],
              message: "Outside the engine, read archives with readZipLayout, unzipEntry and unzipWhole, which give outcomes.",
            },
          ],
        },
      ],
    },
  },
  layer(
    ["src/app/**"],
    [
      "../cli/*",
      "../io/*",
      "../excel/*",
      "../taskpane/*",
      "../functions/*",
      "fs",
      "path",
      "os",
      "node:*",
      "react",
      "@fluentui/*",
      "exceljs",
    ],
    "The application layer calls the engine only; front ends and adapters call it.",
  ),
  layer(
    ["src/common/**"],
    ["../cli/*", "../io/*", "../excel/*", "../taskpane/*", "../functions/*", "../app/*"],
    "src/common holds ports and channels: it depends on the engine's types only.",
  ),
  layer(
    ["src/excel/**"],
    ["../taskpane/*", "../cli/*", "../io/*", "../app/*", "react", "@fluentui/*"],
    "The Office adapter implements the port in src/common; it knows nothing of the pane.",
  ),
  layer(
    ["src/taskpane/**"],
    ["../excel/*", "../cli/*", "../io/*"],
    "The pane's components get workbook actions by props (src/common/workbookPort); only index.tsx wires in the adapter.",
  ),
  {
    // The front ends gather inputs and present results: behaviour comes through src/app, the engine's types alone directly.
    files: ["src/cli/**", "src/taskpane/**"],
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "separate-type-imports" }],
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["../engine/*", "../engine/**"],
              allowTypeImports: true,
              message: "Front ends import the engine's types only; its behaviour comes through a use case in src/app.",
            },
          ],
        },
      ],
    },
  },
  // The pane's entry point is where the Office adapter is plugged into the port.
  { files: ["src/taskpane/index.tsx"], rules: { "no-restricted-imports": "off" } },
  layer(
    ["src/cli/**", "src/io/**"],
    ["../taskpane/*", "../excel/*", "../functions/*"],
    "The command line and its file readers never reach the pane or the Office adapter.",
  ),
  layer(
    ["src/functions/**"],
    ["../taskpane/*", "../cli/*", "../io/*"],
    "The custom functions reach the workbook through the Excel adapter (src/excel) and share state with the pane only through src/common.",
  ),
  {
    // Tests and benchmarks read JSON, the host double and optional tools (DuckDB, Playwright) as they come: untyped by design.
    files: ["test/**", "src/bench/**"],
    rules: {
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/unbound-method": "off",
    },
  },
  {
    files: ["src/functions/**/*.ts"],
    // Excel passes ranges of any cell type; the metadata generator reads `any` as Excel's "any".
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ["**/*.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The Excel test double builds proxy objects whose accessors close over their owner.
    files: ["test/e2e/fakeExcel.js"],
    rules: { "@typescript-eslint/no-this-alias": "off" },
  },
);
