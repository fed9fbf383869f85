#!/usr/bin/env node
"use strict";
// Returns of a million rows allocate millions of short-lived cells; a larger young generation
// spends far less time collecting them (set before anything is allocated).
require("v8").setFlagsFromString("--max-semi-space-size=64");
let cli;
try {
  cli = require("../lib/cli/main.js");
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND") {
    process.stderr.write("riskmatrix is not built yet: run `npm ci` (or `npm run build:cli`) in the project folder first.\n");
    process.exit(2);
  }
  throw e;
}
cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`riskmatrix stopped on an unexpected problem: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 70;
  },
);
