/**
 * The offline manifest check. `office-addin-manifest validate` needs Microsoft's web service, so
 * this checks what can be checked here: well-formed XML, every resid defined and every resource
 * used, URLs consistent with the build's output, icons present at their sizes, the shared
 * runtime, the permission, and the functions' namespace and ids against functions.json.
 *   node lib/io/manifestCheck.js [manifest.xml] [functions.json]
 */
import * as fs from "fs";
import * as path from "path";
import { DOMParser } from "@xmldom/xmldom";

export interface ManifestReport {
  errors: string[];
  namespace?: string;
  urls: string[];
}

/** What src/excel uses unconditionally (comments, multi-area selections); newer features are checked with isSetSupported. */
export const EXCEL_API_NEEDED = "1.10";

function versionBelow(have: string, need: string): boolean {
  const [a, b] = have.split(".").map(Number);
  const [c, d] = need.split(".").map(Number);
  return a < c || (a === c && (b || 0) < d);
}

const BUILD_FILES = ["taskpane.html", "functions.js", "functions.json", "help.html"];

function pngSize(file: string): { width: number; height: number } | undefined {
  const buf = fs.readFileSync(file);
  if (buf.length < 24 || buf.readUInt32BE(0) !== 0x89504e47) return undefined;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

type El = { getAttribute(name: string): string | null; tagName: string; textContent: string | null; parentNode: unknown };

function all(doc: { getElementsByTagName(name: string): ArrayLike<El> }, name: string): El[] {
  return Array.from(doc.getElementsByTagName(name));
}

/**
 * @param xml the manifest's text
 * @param root the project folder (assets/ is looked up there)
 * @param expectedHost the host every URL must be on, e.g. https://localhost:3000/
 * @param functionsJson the generated functions.json, when it is at hand
 */
export function checkManifest(xml: string, root: string, expectedHost: string, functionsJson?: string): ManifestReport {
  const errors: string[] = [];
  const parseErrors: string[] = [];
  type Doc = { getElementsByTagName(name: string): ArrayLike<El>; documentElement: El | null };
  let doc: Doc | undefined;
  try {
    doc = new DOMParser({
      onError: (level: string, msg: string) => {
        if (level !== "warning") parseErrors.push(msg);
      },
    }).parseFromString(xml, "text/xml");
  } catch (e) {
    parseErrors.push((e as Error).message);
  }
  if (!doc || parseErrors.length || !doc.documentElement || doc.documentElement.tagName !== "OfficeApp") {
    return {
      errors: [`manifest is not well-formed XML with an OfficeApp root: ${parseErrors.join("; ") || "no OfficeApp element"}`],
      urls: [],
    };
  }
  const defined = new Map<string, { tag: string; value: string }>();
  for (const tag of ["bt:Image", "bt:Url", "bt:String"]) {
    // Inside <Icon>, bt:Image elements refer to resources (resid); only those with an id define one.
    for (const el of all(doc, tag).filter((e) => e.getAttribute("id"))) {
      const id = el.getAttribute("id")!;
      if (defined.has(id)) errors.push(`resource id "${id}" is defined twice`);
      defined.set(id, { tag, value: el.getAttribute("DefaultValue") ?? "" });
    }
  }
  const used = new Set<string>();
  const allElements = Array.from(doc.getElementsByTagName("*"));
  for (const el of allElements) {
    const resid = el.getAttribute("resid");
    if (resid === null) continue;
    used.add(resid);
    if (!defined.has(resid)) errors.push(`<${el.tagName} resid="${resid}"> refers to a resource that is not defined`);
  }
  for (const id of defined.keys()) if (!used.has(id)) errors.push(`resource "${id}" is defined but never used`);

  const urls: string[] = [];
  for (const el of allElements) {
    for (const attr of ["DefaultValue"]) {
      const v = el.getAttribute(attr);
      if (v && /^https?:\/\//.test(v)) urls.push(v);
    }
  }
  for (const el of all(doc, "AppDomain")) if (el.textContent) urls.push(el.textContent.trim());
  const origin = expectedHost.replace(/^(https:\/\/[^/]+).*$/, "$1");
  for (const u of urls) {
    if (!u.startsWith("https://")) errors.push(`URL ${u} is not https (Office loads add-ins over HTTPS only)`);
    else if (!(u.startsWith(expectedHost) || u === origin)) errors.push(`URL ${u} is not on ${expectedHost}`);
  }
  for (const u of urls.filter((x) => x.startsWith(expectedHost))) {
    const rel = u.slice(expectedHost.length).split(/[?#]/)[0];
    if (rel.startsWith("assets/")) {
      const file = path.join(root, rel);
      if (!fs.existsSync(file)) errors.push(`icon ${rel} (from ${u}) is missing`);
    } else if (!BUILD_FILES.includes(rel)) {
      errors.push(`URL ${u} names ${rel}, which the build does not produce (${BUILD_FILES.join(", ")})`);
    }
  }
  for (const el of all(doc, "bt:Image").filter((e) => e.getAttribute("id"))) {
    const size = Number(el.getAttribute("id")?.match(/(\d+)x\1$/)?.[1]);
    const rel = (el.getAttribute("DefaultValue") ?? "").slice(expectedHost.length);
    const file = path.join(root, rel);
    if (size && fs.existsSync(file)) {
      const s = pngSize(file);
      if (!s || s.width !== size || s.height !== size)
        errors.push(`icon ${rel} should be ${size}x${size} pixels, is ${s ? `${s.width}x${s.height}` : "not a PNG"}`);
    }
  }
  for (const [tag, size] of [
    ["IconUrl", 32],
    ["HighResolutionIconUrl", 64],
  ] as const) {
    const el = all(doc, tag)[0];
    const rel = (el?.getAttribute("DefaultValue") ?? "").slice(expectedHost.length);
    const s = rel && fs.existsSync(path.join(root, rel)) ? pngSize(path.join(root, rel)) : undefined;
    if (!s || s.width !== size) errors.push(`<${tag}> must be a ${size}x${size} PNG`);
  }

  const runtimes = all(doc, "Runtime");
  if (runtimes.length !== 1 || runtimes[0].getAttribute("lifetime") !== "long")
    errors.push('there must be exactly one <Runtime lifetime="long"> (the shared runtime)');
  const runtimeUrl = runtimes[0]?.getAttribute("resid");
  for (const [what, el] of [
    ["CustomFunctions <Page>", all(doc, "Page")[0]],
    ["<FunctionFile>", all(doc, "FunctionFile")[0]],
  ] as const) {
    const resid = what.startsWith("<Function")
      ? el?.getAttribute("resid")
      : (el as unknown as { getElementsByTagName(n: string): ArrayLike<El> } | undefined)
          ?.getElementsByTagName("SourceLocation")[0]
          ?.getAttribute("resid");
    if (resid !== runtimeUrl) errors.push(`${what} must use the shared runtime's page (${runtimeUrl}), not ${resid}`);
  }
  const showTaskpane = all(doc, "Action").find((a) => a.getAttribute("xsi:type") === "ShowTaskpane");
  const paneResid = (showTaskpane as unknown as { getElementsByTagName(n: string): ArrayLike<El> } | undefined)
    ?.getElementsByTagName("SourceLocation")[0]
    ?.getAttribute("resid");
  if (paneResid !== runtimeUrl) errors.push(`the ribbon button must open the shared runtime's page (${runtimeUrl}), not ${paneResid}`);
  const sets = all(doc, "Set").map((s) => `${s.getAttribute("Name")} ${s.getAttribute("MinVersion")}`);
  if (!sets.includes("SharedRuntime 1.1")) errors.push("the requirement set SharedRuntime 1.1 is missing");
  // The functions throw CustomFunctions.Error, which is CustomFunctionsRuntime 1.2's.
  if (!sets.includes("CustomFunctionsRuntime 1.2"))
    errors.push("the requirement set CustomFunctionsRuntime 1.2 is missing: the add-in would install where its functions cannot run");
  const excelApi = all(doc, "Set")
    .find((s) => s.getAttribute("Name") === "ExcelApi")
    ?.getAttribute("MinVersion");
  if (!excelApi || versionBelow(excelApi, EXCEL_API_NEEDED))
    errors.push(`the requirement set ExcelApi ${EXCEL_API_NEEDED} is missing (found ${excelApi ?? "none"}): the adapter needs it`);
  const permissions = all(doc, "Permissions").map((p) => p.textContent?.trim());
  if (permissions.length !== 1 || permissions[0] !== "ReadWriteDocument")
    errors.push(`the permission must be ReadWriteDocument and no more (found ${permissions.join(", ")})`);
  const hosts = all(doc, "Host").map((h) => h.getAttribute("Name") ?? h.getAttribute("xsi:type"));
  if (!hosts.every((h) => h === "Workbook")) errors.push(`the only host must be Excel (Workbook); found ${hosts.join(", ")}`);
  const tab = all(doc, "OfficeTab")[0]?.getAttribute("id");
  if (tab !== "TabHome") errors.push(`the ribbon button must be on the Home tab (TabHome), found ${tab}`);

  const nsResid = all(doc, "Namespace")[0]?.getAttribute("resid");
  const namespace = nsResid ? defined.get(nsResid)?.value : undefined;
  if (namespace !== "CSP") errors.push(`the custom functions' namespace must be CSP, found ${namespace}`);
  if (functionsJson) {
    const ids = (JSON.parse(functionsJson) as { functions: { id: string; name: string }[] }).functions.map((f) => f.id).sort();
    const expected = ["HARMWEIGHT", "RISKFLAG", "RISKLEVEL"];
    if (JSON.stringify(ids) !== JSON.stringify(expected))
      errors.push(`functions.json declares ${ids.join(", ")}; expected ${expected.join(", ")}`);
  }
  return { errors, namespace, urls };
}

if (require.main === module) {
  const root = path.resolve(__dirname, "..", "..");
  const manifest = process.argv[2] ?? path.join(root, "manifest.xml");
  const functions = process.argv[3] ?? path.join(root, "dist", "functions.json");
  const xml = fs.readFileSync(manifest, "utf8");
  const host = /<SourceLocation DefaultValue="(https:\/\/[^"]*?)taskpane\.html"/.exec(xml)?.[1] ?? "https://localhost:3000/";
  const report = checkManifest(xml, root, host, fs.existsSync(functions) ? fs.readFileSync(functions, "utf8") : undefined);
  if (report.errors.length) {
    process.stderr.write(`${manifest}: ${report.errors.length} problem(s)\n${report.errors.map((e) => `  - ${e}`).join("\n")}\n`);
    process.exit(1);
  }
  process.stdout.write(`${manifest}: OK (${report.urls.length} URLs on ${host}, namespace ${report.namespace})\n`);
}
