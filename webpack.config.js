/*
 * Builds the add-in into dist/: taskpane.html (the task pane and the custom functions share one
 * page: the shared runtime), functions.js, functions.json (generated from the functions' JSDoc),
 * the icons, help.html and manifest.xml.
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

const DEV_HOST = "https://localhost:3000/";

function productionHost(env) {
  const host = (env && env.host) || process.env.ADDIN_HOST || DEV_HOST;
  if (!/^https:\/\//.test(host))
    throw new Error(`ADDIN_HOST must be an https:// address (Office loads add-ins over HTTPS only), not "${host}".`);
  return host.endsWith("/") ? host : `${host}/`;
}

/** Every development URL of the manifest, not only the first, moves to the production host. */
function rewriteManifest(xml, host) {
  const origin = host.replace(/^(https:\/\/[^/]+).*$/, "$1");
  return xml.split(DEV_HOST).join(host).split("<AppDomain>https://localhost:3000</AppDomain>").join(`<AppDomain>${origin}</AppDomain>`);
}

/**
 * office-addin-dev-certs writes its certificates to ~/.office-addin-dev-certs; they are read from
 * there directly because its CA install step needs sudo on Linux (and is not needed for tests).
 */
function devCertificates() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { ca: "ca.crt", cert: "localhost.crt", key: "localhost.key" };
  if (!Object.values(files).every((f) => fs.existsSync(path.join(dir, f)))) return undefined;
  return Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f))]));
}

module.exports = (env, argv) => {
  const dev = argv.mode === "development";
  const host = dev ? DEV_HOST : productionHost(env);
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      functions: "./src/functions/functions.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
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
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // The shared runtime loads only this page, so the functions must be in it too.
        chunks: ["taskpane", "functions"],
        chunksSortMode: "manual",
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
      server: devCertificates() ? { type: "https", options: devCertificates() } : "https",
    },
  };
};

module.exports.rewriteManifest = rewriteManifest;
module.exports.DEV_HOST = DEV_HOST;
