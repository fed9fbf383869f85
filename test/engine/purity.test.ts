import * as fs from "fs";
import * as path from "path";

const ENGINE = path.resolve(__dirname, "..", "..", "src", "engine");

/** Libraries written in the language alone, which run the same in Node, the pane and a Web Worker. */
const PURE_LIBRARIES = ["fflate"];

describe("the engine", () => {
  it("imports nothing but itself and pure libraries: no Node built-ins, React, DOM or Office.js", () => {
    const files = fs.readdirSync(ENGINE).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = fs.readFileSync(path.join(ENGINE, f), "utf8");
      const imports = [...text.matchAll(/\bfrom\s+"([^"]+)"|require\("([^"]+)"\)|import\("([^"]+)"\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
      for (const i of imports.filter((i) => !PURE_LIBRARIES.includes(i)))
        expect({ file: f, import: i }).toEqual({ file: f, import: expect.stringMatching(/^\.\//) });
      const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
      expect(code).not.toMatch(/\b(Office|Excel|document|window|process|Buffer)\./);
    }
  });
});
