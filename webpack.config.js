/*
 * Builds the add-in into dist/: taskpane.html (the task pane and the custom functions share one
 * page: the shared runtime), functions.js, functions.json (generated from the functions' JSDoc),
 * checkWorker.js (the pane's Web Worker), check.html (the page partners check a return on), the icons,
 * help.html and manifest.xml, and the web server
 * settings for the hosts a council publishes on (staticwebapp.config.json, web.config).
 *
 *   npm run build                       production, URLs on https://localhost:3000/
 *   ADDIN_HOST=https://host/path/ npm run build
 *                                        production, every URL of the manifest on that host
 *   npm run dev-server                   https://localhost:3000 with office-addin-dev-certs' certificates
 */
const fs = require("fs");
const os = require("os");
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { metaPolicy, staticWebAppConfig, webConfig } = require("./deploy/hostSettings");

const DEV_HOST = "https://localhost:3000/";
/** The development add-in (manifest.xml) and the production one are two add-ins, as Microsoft recommends. */
const DEV_ID = "7057c60e-a609-493d-b4c0-3c6e1701602a";
const PRODUCTION_ID = "b8f2d5c4-3e6a-4f1b-9c7d-2a5e8f0b4d13";
const DEV_NAME = "CSP Risk Matrix (development)";
const PRODUCTION_NAME = "CSP Risk Matrix";

function productionHost(env) {
  const host = (env && env.host) || process.env.ADDIN_HOST || DEV_HOST;
  if (host === DEV_HOST) {
    // Loud on purpose: a production manifest on localhost installs an add-in that cannot load for anyone else.
    console.warn(
      [
        "",
        "WARNING: production build without ADDIN_HOST: dist/manifest.xml points every URL at https://localhost:3000/.",
        "         It will not load on any other machine. Build for release with ADDIN_HOST=https://your.host/path/ npm run build",
        "",
      ].join("\n"),
    );
  }
  if (!/^https:\/\//.test(host))
    throw new Error(`ADDIN_HOST must be an https:// address (Office loads add-ins over HTTPS only), not "${host}".`);
  return host.endsWith("/") ? host : `${host}/`;
}

/** The production manifest: its own Id and name, and every development URL, not only the first, on the production host. */
function rewriteManifest(xml, host) {
  const origin = host.replace(/^(https:\/\/[^/]+).*$/, "$1");
  return xml
    .split(DEV_HOST)
    .join(host)
    .split("<AppDomain>https://localhost:3000</AppDomain>")
    .join(`<AppDomain>${origin}</AppDomain>`)
    .replace(`<Id>${DEV_ID}</Id>`, `<Id>${PRODUCTION_ID}</Id>`)
    .replace(`<DisplayName DefaultValue="${DEV_NAME}"/>`, `<DisplayName DefaultValue="${PRODUCTION_NAME}"/>`);
}

/**
 * The dev server's certificate, as Microsoft's add-in template does it: office-addin-dev-certs makes
 * a certificate authority, installs it where Excel trusts it (asking once), and signs localhost's
 * certificate with it. Excel refuses a self-signed certificate it was not told to trust. Where they
 * are already made (~/.office-addin-dev-certs) they are read as they are.
 */
async function devCertificates() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { ca: "ca.crt", cert: "localhost.crt", key: "localhost.key" };
  if (Object.values(files).every((f) => fs.existsSync(path.join(dir, f))))
    return Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f))]));
  return require("office-addin-dev-certs").getHttpsServerOptions();
}

/**
 * The metadata generator always lets custom data types (a Geography or Stocks cell, a linked
 * entity) reach "any" parameters as objects. The functions count and group plain values, so Excel
 * is told to pass such a cell's display value instead: an area must never arrive as an object.
 */
class PlainValuesOnly {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("PlainValuesOnly", (compilation) =>
      compilation.hooks.processAssets.tap({ name: "PlainValuesOnly", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const asset = compilation.getAsset("functions.json");
        if (!asset) return;
        const metadata = JSON.parse(asset.source.source().toString());
        metadata.allowCustomDataForDataTypeAny = false;
        compilation.updateAsset("functions.json", new sources.RawSource(JSON.stringify(metadata, null, 4)));
      }),
    );
  }
}

/** The web server settings of deploy/hostSettings.js, written beside the files they serve. */
class HostSettings {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("HostSettings", (compilation) =>
      compilation.hooks.processAssets.tap({ name: "HostSettings", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        compilation.emitAsset("staticwebapp.config.json", new sources.RawSource(`${JSON.stringify(staticWebAppConfig(), null, 2)}\n`));
        compilation.emitAsset("web.config", new sources.RawSource(webConfig()));
      }),
    );
  }
}

/** `webpack serve` waits for the certificates; a build needs none. */
module.exports = (env, argv) => {
  const config = buildConfig(env, argv);
  if (!(env && env.WEBPACK_SERVE)) return config;
  return devCertificates().then((options) => ({ ...config, devServer: { ...config.devServer, server: { type: "https", options } } }));
};

function buildConfig(env, argv) {
  const dev = argv.mode === "development";
  const host = dev ? DEV_HOST : productionHost(env);
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      functions: "./src/functions/functions.ts",
      // The pane's Web Worker (reading files, checking returns), served beside the page.
      checkWorker: "./src/taskpane/checkWorker.ts",
      // The ward map's Web Worker, started only when a map is asked for (mapWorker.js).
      mapWorker: "./src/taskpane/mapWorker.ts",
      // The page partners open to check a return without the add-in (check.html).
      check: "./src/checkpage/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    // Chunks loaded on demand are named by what they hold (the bench sums what a map or a report loads).
    optimization: { chunkIds: "named" },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext", sourceMap: dev } } },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: "./src/functions/functions.ts", output: "functions.json" }),
      new PlainValuesOnly(),
      new HostSettings(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // The shared runtime loads only this page, so the functions must be in it too.
        chunks: ["taskpane", "functions"],
        chunksSortMode: "manual",
        templateParameters: { contentSecurityPolicy: metaPolicy() },
      }),
      new HtmlWebpackPlugin({
        filename: "check.html",
        template: "./src/checkpage/check.html",
        chunks: ["check"],
        templateParameters: { contentSecurityPolicy: metaPolicy() },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/help.html", to: "help.html" },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => (dev ? content : rewriteManifest(content.toString(), host)) },
        ],
      }),
    ],
    performance: { hints: false },
    devServer: {
      port: 3000,
      hot: false,
      static: false,
      headers: { "Access-Control-Allow-Origin": "*" },
    },
  };
}

module.exports.rewriteManifest = rewriteManifest;
module.exports.DEV_HOST = DEV_HOST;
module.exports.DEV_ID = DEV_ID;
module.exports.PRODUCTION_ID = PRODUCTION_ID;
