import * as fs from "fs";
import * as path from "path";

const ENGINE = path.resolve(__dirname, "..", "..", "src", "engine");

/** Libraries written in the language alone, which run the same in Node, the pane and a Web Worker. */
const PURE_LIBRARIES = ["fflate"];

/** Every engine source file, by its path inside src/engine. */
const engineFiles = () => (fs.readdirSync(ENGINE, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts"));

/** The engine files a file imports for their values (type-only imports are erased and load nothing). */
function valueImports(file: string, files: readonly string[]): string[] {
  const text = fs.readFileSync(path.join(ENGINE, file), "utf8");
  return [...text.matchAll(/^import (?!type )[^;]*?from\s+"(\.[^"]+)"/gm)]
    .map((m) => `${path.relative(ENGINE, path.resolve(ENGINE, path.dirname(file), m[1]))}.ts`)
    .filter((t) => files.includes(t));
}

describe("the engine", () => {
  it("imports nothing but itself and pure libraries: no Node built-ins, React, DOM or Office.js", () => {
    const files = engineFiles();
    expect(files.length).toBeGreaterThan(30);
    for (const f of files) {
      const text = fs.readFileSync(path.join(ENGINE, f), "utf8");
      const imports = [...text.matchAll(/\bfrom\s+"([^"]+)"|require\("([^"]+)"\)|import\("([^"]+)"\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
      for (const i of imports.filter((i) => !PURE_LIBRARIES.includes(i))) {
        const inside = path.resolve(ENGINE, path.dirname(f), i).startsWith(ENGINE + path.sep);
        expect({ file: f, import: i, inside }).toEqual({ file: f, import: i, inside: true });
      }
      const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
      expect(code).not.toMatch(/\b(Office|Excel|document|window|process|Buffer)\./);
    }
  });

  it("lives in rooms one level down, with no circle of imports between its files", () => {
    const files = engineFiles();
    expect(files.filter((f) => !f.includes(path.sep))).toEqual([]);
    const circles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (f: string, trail: string[]) => {
      if (state.get(f) === "done") return;
      if (state.get(f) === "open") return void circles.push([...trail.slice(trail.indexOf(f)), f].join(" -> "));
      state.set(f, "open");
      for (const t of valueImports(f, files)) visit(t, [...trail, f]);
      state.set(f, "done");
    };
    for (const f of files) visit(f, []);
    expect(circles).toEqual([]);
  });
});
