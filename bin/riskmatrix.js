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
// Output piped into a reader that stops early (| head) ends the run quietly, as other tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e && e.code === "EPIPE") process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
    throw e;
  });
}
let settled = false;
const json = process.argv.includes("--json");
function internal(err) {
  settled = true;
  process.exitCode = cli.reportFailure(err, json);
}
// A reader that stops waiting for data it will never get would let the program end silently with 0.
process.on("beforeExit", () => {
  if (!settled) internal(new Error("a file reader stopped before it finished"));
});
cli.main(process.argv.slice(2)).then((code) => {
  settled = true;
  process.exitCode = code;
}, internal);
