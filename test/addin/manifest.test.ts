import * as fs from "fs";
import * as path from "path";
import { checkManifest } from "../../src/io/manifestCheck";
import { schemaErrors } from "../helpers/publicData";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { rewriteManifest, DEV_ID, PRODUCTION_ID } = require("../../webpack.config.js");

const ROOT = path.resolve(__dirname, "..", "..");
const XML = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const DEV = "https://localhost:3000/";

describe("the manifest, checked offline", () => {
  it("passes every check as committed", () => {
    expect(checkManifest(XML, ROOT, DEV).errors).toEqual([]);
  });

  it("has the icons Office asks for, at their sizes", () => {
    for (const s of [16, 32, 64, 80]) {
      const buf = fs.readFileSync(path.join(ROOT, "assets", `icon-${s}.png`));
      expect([buf.readUInt32BE(16), buf.readUInt32BE(20)]).toEqual([s, s]);
    }
  });

  it.each([
    ["malformed XML", (x: string) => x.replace("</OfficeApp>", ""), /well-formed/],
    ["an undefined resid", (x: string) => x.replace('resid="Group.Label"', 'resid="Group.Missing"'), /Group.Missing.*not defined/],
    [
      "an unused resource",
      (x: string) => x.replace("</bt:ShortStrings>", '<bt:String id="Spare" DefaultValue="x"/></bt:ShortStrings>'),
      /"Spare" is defined but never used/,
    ],
    [
      "a URL on another host",
      (x: string) => x.replace('https://localhost:3000/help.html"/>\n  <AppDomains>', 'https://example.org/help.html"/>\n  <AppDomains>'),
      /example.org.*not on/,
    ],
    [
      "a URL to a file the build does not make",
      (x: string) => x.replace("localhost:3000/functions.js", "localhost:3000/fns.js"),
      /fns.js, which the build does not produce/,
    ],
    ["a missing icon", (x: string) => x.replace("assets/icon-80.png", "assets/icon-81.png"), /icon-81.png.*missing/],
    ["an icon of the wrong size", (x: string) => x.replace("assets/icon-16.png", "assets/icon-32.png"), /should be 16x16/],
    ["a short-lived runtime", (x: string) => x.replace('lifetime="long"', 'lifetime="short"'), /lifetime="long"/],
    ["more permission than needed", (x: string) => x.replace("ReadWriteDocument", "ReadWriteMailbox"), /ReadWriteDocument and no more/],
    [
      "another namespace",
      (x: string) => x.replace('id="Functions.Namespace" DefaultValue="CSP"', 'id="Functions.Namespace" DefaultValue="XYZ"'),
      /namespace must be CSP/,
    ],
    ["no shared runtime requirement", (x: string) => x.replace('<Set Name="SharedRuntime" MinVersion="1.1"/>', ""), /SharedRuntime 1.1/],
    [
      "no custom functions runtime requirement",
      (x: string) =>
        x.replace('<Set Name="CustomFunctionsRuntime" MinVersion="1.2"/>', '<Set Name="CustomFunctionsRuntime" MinVersion="1.1"/>'),
      /CustomFunctionsRuntime 1.2/,
    ],
    ["no ExcelApi requirement", (x: string) => x.replace('<Set Name="ExcelApi" MinVersion="1.10"/>', ""), /ExcelApi 1.10/],
    [
      "an ExcelApi older than the code needs",
      (x: string) => x.replace('<Set Name="ExcelApi" MinVersion="1.10"/>', '<Set Name="ExcelApi" MinVersion="1.7"/>'),
      /ExcelApi 1.10/,
    ],
  ])("catches %s", (_, change, message) => {
    const errors = checkManifest(change(XML), ROOT, DEV).errors;
    expect(errors.join("\n")).toMatch(message);
  });

  it("catches functions.json ids that do not match", () => {
    const json = JSON.stringify({ functions: [{ id: "RISKFLAG", name: "RISKFLAG" }] });
    expect(checkManifest(XML, ROOT, DEV, json).errors.join("\n")).toMatch(/functions.json declares RISKFLAG/);
  });
});

describe("the production manifest", () => {
  it("moves every URL, not only the first, to the configured host", () => {
    const host = "https://csp.example.gov.uk/riskmatrix/";
    const prod = rewriteManifest(XML, host);
    expect(prod).not.toMatch(/localhost/);
    const report = checkManifest(prod, ROOT, host);
    expect(report.errors).toEqual([]);
    expect(report.urls.length).toBe((XML.match(/https:\/\/localhost:3000/g) ?? []).length);
    expect(prod).toMatch(/<AppDomain>https:\/\/csp.example.gov.uk<\/AppDomain>/);
  });
  it("is another add-in than the development one: its own Id and name", () => {
    const prod = rewriteManifest(XML, "https://csp.example.gov.uk/");
    expect(XML).toContain(`<Id>${DEV_ID}</Id>`);
    expect(prod).toContain(`<Id>${PRODUCTION_ID}</Id>`);
    expect(DEV_ID).not.toBe(PRODUCTION_ID);
    expect(XML).toContain('<DisplayName DefaultValue="CSP Risk Matrix (development)"/>');
    expect(prod).toContain('<DisplayName DefaultValue="CSP Risk Matrix"/>');
  });
});

describe("the manifests against Microsoft's manifest schemas (xmllint)", () => {
  it("the development manifest validates", async () => {
    expect(await schemaErrors(XML)).toEqual([]);
  });
  it("the production manifest validates", async () => {
    expect(await schemaErrors(rewriteManifest(XML, "https://csp.example.gov.uk/riskmatrix/"))).toEqual([]);
  });
  it("catches what the schemas forbid: a name over 125 characters, elements out of order", async () => {
    expect(await schemaErrors(XML.replace("CSP Risk Matrix (development)", "x".repeat(130)))).not.toEqual([]);
    const moved = XML.replace("  <Permissions>ReadWriteDocument</Permissions>\n", "").replace(
      "  <Hosts>",
      "  <Permissions>ReadWriteDocument</Permissions>\n  <Hosts>",
    );
    expect(await schemaErrors(moved)).not.toEqual([]);
  });
});
