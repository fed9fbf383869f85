import * as fs from "fs";
import * as path from "path";
import { checkManifest } from "../../src/io/manifestCheck";

// The same generator the build's webpack plugin runs, on the same source.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");

const ROOT = path.resolve(__dirname, "..", "..");

interface Fn {
  id: string;
  name: string;
  description: string;
  parameters: { name: string; optional?: boolean; dimensionality?: string; description: string }[];
  result: { dimensionality?: string };
}

describe("functions.json, generated from the functions' JSDoc", () => {
  let functions: Fn[];
  let json: string;
  beforeAll(async () => {
    const r = await generateCustomFunctionsMetadata([path.join(ROOT, "src", "functions", "functions.ts")], true);
    expect(r.errors).toEqual([]);
    json = r.metadataJson;
    functions = JSON.parse(json).functions;
  });

  it("declares RISKFLAG, RISKLEVEL and HARMWEIGHT with their parameters and optionality", () => {
    const shape = Object.fromEntries(functions.map((f) => [f.id, f.parameters.map((p) => `${p.name}${p.optional ? "?" : ""}`)]));
    expect(shape).toEqual({
      RISKFLAG: ["values", "rule", "areas?"],
      RISKLEVEL: ["totals", "key?"],
      HARMWEIGHT: ["offences", "counts?", "population?", "weights?"],
    });
    for (const f of functions) expect(f.name).toBe(f.id);
  });

  it("spills arrays (dimensionality matrix) and takes ranges as matrices", () => {
    for (const f of functions) expect(f.result.dimensionality).toBe("matrix");
    const values = functions.find((f) => f.id === "RISKFLAG")!.parameters[0];
    expect(values.dimensionality).toBe("matrix");
    // The README shows RISKLEVEL's key as a range of (band, label) rows: Excel passes a range only to a matrix parameter.
    const key = functions.find((f) => f.id === "RISKLEVEL")!.parameters[1];
    expect(key.dimensionality).toBe("matrix");
  });

  it("gives Excel a description for every function and parameter", () => {
    for (const f of functions) {
      expect(f.description.length).toBeGreaterThan(20);
      for (const p of f.parameters) expect(p.description.length).toBeGreaterThan(10);
    }
  });

  it("matches the manifest's namespace and the ids it expects", () => {
    const xml = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
    const report = checkManifest(xml, ROOT, "https://localhost:3000/", json);
    expect(report.errors).toEqual([]);
    expect(report.namespace).toBe("CSP");
  });
});
