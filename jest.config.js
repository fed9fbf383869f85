/** @type {import('jest').Config} */
const base = {
  testEnvironment: "node",
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
};

/**
 * The tiers, by what they touch: unit (the engine, the use cases, the add-in's functions and
 * adapters, all in-process: seconds), the pane's components and hooks (jsdom), the command line and the file corpus (files on disk, some
 * processes), the browser (the built pane in Chromium) and fuzzing. `npm run test:unit` is the first.
 */
const tier = (displayName, folders, more = {}) => ({ ...base, displayName, roots: folders.map((f) => `<rootDir>/test/${f}`), ...more });

module.exports = {
  testTimeout: 60000,
  reporters: ["default", "<rootDir>/test/helpers/summaryReporter.js"],
  projects: [
    tier("unit", ["engine", "app", "addin", "excel"]),
    // The pane's components and hooks in a DOM, without the browser.
    tier("pane", ["pane"], { testEnvironment: "jsdom" }),
    tier("cli", ["cli", "validation"]),
    tier("browser", ["e2e"]),
    tier("fuzz", ["fuzz"]),
  ],
};
