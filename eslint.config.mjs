import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["lib/", "dist/", "node_modules/", "coverage/", "out/"] },
  ...tseslint.configs.recommended,
  {
    files: ["src/functions/**/*.ts"],
    // Excel passes ranges of any cell type; the metadata generator reads `any` as Excel's "any".
    rules: { "@typescript-eslint/no-explicit-any": "off" },
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
