import * as fs from "fs";
import * as path from "path";
import { DOMParser, Element } from "@xmldom/xmldom";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const host = require("../../deploy/hostSettings");

const TASKPANE = fs.readFileSync(path.join(__dirname, "..", "..", "src", "taskpane", "taskpane.html"), "utf8");

describe("the web server settings a council publishes with", () => {
  const swa = host.staticWebAppConfig();
  const iis = new DOMParser().parseFromString(host.webConfig(), "text/xml");
  const elements = (within: { getElementsByTagName(n: string): ArrayLike<Element> }, tag: string) =>
    Array.from(within.getElementsByTagName(tag));
  const attrs = (e: Element, ...names: string[]) => names.map((n) => e.getAttribute(n));

  it("send the pane's policy as a header, with the Office pages that may frame it", () => {
    const policy = swa.globalHeaders["Content-Security-Policy"];
    expect(policy).toBe(host.headerPolicy());
    expect(policy).toContain(`frame-ancestors 'self' https://*.officeapps.live.com`);
    expect(policy.startsWith(host.metaPolicy())).toBe(true);
    // The page's own <meta> policy is the same one, from the same source, without frame-ancestors (browsers ignore it there).
    expect(TASKPANE).toContain('content="<%= contentSecurityPolicy %>"');
    expect(host.metaPolicy()).not.toContain("frame-ancestors");
    expect(host.metaPolicy()).toContain("script-src 'self' https://appsforoffice.microsoft.com");
  });

  it("say the same on IIS as on Azure Static Web Apps: headers, types, and functions.json readable from Excel on the web", () => {
    const [server] = elements(iis, "system.webServer");
    const location = elements(iis, "location");
    const everywhere = elements(server, "customHeaders").flatMap((h) => elements(h, "add"));
    expect(Object.fromEntries(everywhere.map((h) => attrs(h, "name", "value")))).toEqual(swa.globalHeaders);
    expect(Object.fromEntries(elements(server, "mimeMap").map((m) => attrs(m, "fileExtension", "mimeType")))).toEqual(swa.mimeTypes);
    expect(location.map((l) => [l.getAttribute("path"), ...elements(l, "add").flatMap((a) => attrs(a, "name", "value"))])).toEqual([
      ["functions.json", "Access-Control-Allow-Origin", "*"],
    ]);
    expect(swa.routes).toEqual([{ route: "/functions.json", headers: { "Access-Control-Allow-Origin": "*" } }]);
  });

  it("serve every kind of file the build writes", () => {
    for (const ext of [".html", ".js", ".json", ".xml", ".png", ".txt"]) expect(swa.mimeTypes[ext]).toBeDefined();
  });
});
