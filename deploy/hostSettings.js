/*
 * What the web server hosting the add-in must send, written once and turned into each host's own
 * settings file by the build (dist/staticwebapp.config.json for Azure Static Web Apps, dist/web.config
 * for IIS). The same policy is the pane's <meta> Content-Security-Policy; a meta tag cannot carry
 * frame-ancestors, so only the header says which pages may frame the pane: Office's own.
 */

/** Where office.js and the scripts it loads come from. */
const OFFICE_CDN = "https://appsforoffice.microsoft.com";

/**
 * Pages that frame the pane in Excel on the web: Excel itself and the OneDrive, SharePoint and
 * Microsoft 365 pages that open a workbook. Excel on Windows and Mac show the pane as a page of its
 * own, where frame-ancestors does not apply.
 */
const FRAME_ANCESTORS = [
  "'self'",
  "https://*.officeapps.live.com",
  "https://*.office.com",
  "https://*.office365.com",
  "https://*.cloud.microsoft",
  "https://*.sharepoint.com",
  "https://onedrive.live.com",
  "https://*.onedrive.live.com",
];

const DIRECTIVES = [
  "default-src 'self'",
  `script-src 'self' ${OFFICE_CDN}`,
  `connect-src 'self' ${OFFICE_CDN}`,
  // Fluent UI inserts its styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** The policy for the <meta> tag (no frame-ancestors: browsers ignore it there). */
const metaPolicy = () => DIRECTIVES.join("; ");
/** The policy the server sends as a header, with the pages allowed to frame the pane. */
const headerPolicy = () => [...DIRECTIVES, `frame-ancestors ${FRAME_ANCESTORS.join(" ")}`].join("; ");

/** Headers every file is sent with. */
const GLOBAL_HEADERS = () => ({
  "Content-Security-Policy": headerPolicy(),
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
});

/** Excel on the web reads functions.json from another origin (its own), so the file must allow it. */
const CROSS_ORIGIN_FILES = ["functions.json"];

/** The types each file of dist/ is served as. */
const MIME_TYPES = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".json": "application/json",
  ".xml": "text/xml",
  ".png": "image/png",
  ".txt": "text/plain",
};

/** Azure Static Web Apps: staticwebapp.config.json at the root of the published folder. */
function staticWebAppConfig() {
  return {
    globalHeaders: GLOBAL_HEADERS(),
    routes: CROSS_ORIGIN_FILES.map((f) => ({ route: `/${f}`, headers: { "Access-Control-Allow-Origin": "*" } })),
    mimeTypes: MIME_TYPES,
  };
}

const xmlAttr = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** IIS (Windows Server, Azure App Service on Windows): web.config in the published folder. */
function webConfig() {
  const headers = Object.entries(GLOBAL_HEADERS())
    .map(([k, v]) => `        <add name="${k}" value="${xmlAttr(v)}" />`)
    .join("\n");
  const mime = Object.entries(MIME_TYPES)
    .map(([ext, type]) => `      <remove fileExtension="${ext}" />\n      <mimeMap fileExtension="${ext}" mimeType="${type}" />`)
    .join("\n");
  const cors = CROSS_ORIGIN_FILES.map(
    (f) => `  <location path="${f}">
    <system.webServer>
      <httpProtocol>
        <customHeaders>
          <add name="Access-Control-Allow-Origin" value="*" />
        </customHeaders>
      </httpProtocol>
    </system.webServer>
  </location>`,
  ).join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- The add-in's files: the pane's Content-Security-Policy as a header, functions.json readable by Excel on the web, the right types. -->
<configuration>
  <system.webServer>
    <staticContent>
${mime}
    </staticContent>
    <httpProtocol>
      <customHeaders>
${headers}
      </customHeaders>
    </httpProtocol>
  </system.webServer>
${cors}
</configuration>
`;
}

module.exports = {
  metaPolicy,
  headerPolicy,
  GLOBAL_HEADERS,
  CROSS_ORIGIN_FILES,
  MIME_TYPES,
  FRAME_ANCESTORS,
  staticWebAppConfig,
  webConfig,
};
