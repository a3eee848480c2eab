/* eslint-disable */
// The Excel add-in build (shape of Microsoft's React task-pane template).
//
//   npm run build                          production build into dist/excel (office.js from Microsoft's CDN)
//   npm run build:offline                  same, office.js copied from @microsoft/office-js and served from this origin
//   npm run build -- --env url=https://intranet.example/jixiao/
//                                          the origin written into manifest.xml (default https://localhost:3000/)
//   npm run dev-server                     https://localhost:3000 with live reload, certificates from office-addin-dev-certs
//   npm start / npm stop                   office-addin-debugging sideloads manifest.xml (package.json "config")
//
// Options (--env): officejs=local, url=…, outDir=… (tests and the bundle benchmark build into a temp folder),
// manifestOnly (only the manifest, for the manifest test).
const path = require('path');
const fs = require('fs');
const crypto = require('crypto');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_URL = 'https://localhost:3000/';
const CDN_ORIGIN = 'https://appsforoffice.microsoft.com';
const CDN_OFFICE_JS = `${CDN_ORIGIN}/lib/1/hosted/office.js`;
const LOCAL_OFFICE_JS = 'office-js/office.js';

/** The tiny ES5 check that runs before anything else: an IE11 (Trident) webview gets a plain message. */
const IE_CHECK = fs.readFileSync(path.join(__dirname, 'src/shell/excel/ie-check.js'), 'utf8').trim();

function sha256(text) {
  return `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The page's Content-Security-Policy: our own origin only, plus Microsoft's CDN when office.js comes from there. */
function contentSecurityPolicy({ cdn, dev }) {
  const office = cdn ? ` ${CDN_ORIGIN}` : '';
  const live = dev ? ' wss://localhost:* ws://localhost:*' : '';
  return [
    "default-src 'self'",
    `script-src 'self'${office} ${sha256(IE_CHECK)}`,
    // Fluent UI (Griffel) inserts its styles at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${office}${live}`,
    `frame-src 'self'${office}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

function normalizeUrl(url) {
  const u = new URL(url);
  if (u.protocol !== 'https:') throw new Error(`the add-in must be served over https, got ${url}`);
  return u.href.endsWith('/') ? u.href : `${u.href}/`;
}

/** The add-in's version as Office writes it (four parts), from package.json: the one place the version is kept. */
const MANIFEST_VERSION = `${require('./package.json').version}.0`;

/** manifest.xml with the development origin replaced by the one the build is for, and the version of package.json. */
function transformManifest(xml, url) {
  return xml
    .split(DEV_URL)
    .join(normalizeUrl(url))
    .replace(/<Version>[^<]*<\/Version>/, `<Version>${MANIFEST_VERSION}</Version>`);
}

/**
 * HTTPS for `webpack serve` only: the certificates office-addin-dev-certs installs and trusts (Office's
 * webviews refuse an untrusted certificate). Loaded lazily, so `npm run build` and the tests never need them.
 */
async function devServerHttps() {
  // eslint-disable-next-line global-require
  const devCerts = require('office-addin-dev-certs');
  const options = await devCerts.getHttpsServerOptions();
  return { type: 'https', options: { ca: options.ca, key: options.key, cert: options.cert } };
}

function config(env = {}, argv = {}) {
  const dev = argv.mode === 'development';
  const local = env.officejs === 'local';
  const url = normalizeUrl(env.url || process.env.JIXIAO_ADDIN_URL || DEV_URL);
  const outDir = env.outDir ? path.resolve(env.outDir) : path.resolve(__dirname, 'dist/excel');
  if (!dev && url === DEV_URL && !env.outDir && !env.quiet) {
    console.warn(
      `manifest.xml points at ${DEV_URL}: for deployment build with --env url=https://<your server>/<path>/`,
    );
  }

  const manifestCopy = {
    from: 'manifest.xml',
    to: 'manifest.xml',
    transform: (content) => transformManifest(content.toString('utf8'), url),
  };

  if (env.manifestOnly) {
    return {
      mode: 'production',
      entry: {},
      output: { path: outDir, clean: true },
      plugins: [new CopyWebpackPlugin({ patterns: [manifestCopy] })],
    };
  }

  const copies = [
    manifestCopy,
    { from: 'assets/*.png', to: 'assets/[name][ext]' },
    { from: 'src/shell/excel/help.html', to: 'help.html' },
  ];
  if (local) {
    copies.push({
      from: 'node_modules/@microsoft/office-js/dist',
      to: 'office-js',
      globOptions: { ignore: ['**/*.debug.js', '**/*.d.ts', '**/office-vsdoc.js'] },
      // Microsoft's files are shipped as published: already minified, never run through Terser again.
      info: { minimized: true },
    });
  }

  return {
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'source-map' : false,
    entry: { taskpane: './src/shell/excel/pane.tsx' },
    output: {
      path: outDir,
      filename: '[name].[contenthash:8].js',
      chunkFilename: '[name].[contenthash:8].js',
      clean: true,
      publicPath: '',
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
      // The package reader (last year's workbook picked in the pane) inflates in stream with fflate where node's
      // zlib is missing (src/xlsx/package/zip.ts): an empty module stands in for it.
      fallback: { zlib: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                parser: { syntax: 'typescript', tsx: true },
                transform: { react: { runtime: 'automatic' } },
                // Office 2021+ runs add-ins in WebView2 (Chromium) or Safari's WebKit.
                target: 'es2019',
              },
            },
          },
        },
      ],
    },
    performance: { hints: false },
    // The page's inline ES5 check is pinned by a hash in the CSP: webpack's own HTML minifier must not rewrite it.
    experiments: { html: false, css: false },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/shell/excel/taskpane.html',
        chunks: ['taskpane'],
        inject: 'body',
        scriptLoading: 'blocking',
        officeJs: local ? LOCAL_OFFICE_JS : CDN_OFFICE_JS,
        csp: contentSecurityPolicy({ cdn: !local, dev }),
        ieCheckTag: `<script>${IE_CHECK}</script>`,
        minify: false,
      }),
      new CopyWebpackPlugin({ patterns: copies }),
    ],
    devServer: {
      port: Number(process.env.npm_package_config_dev_server_port) || 3000,
      // Replaced by the office-addin-dev-certs options when serving (configFor below).
      server: 'https',
      hot: false,
      liveReload: true,
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
    },
  };
}

/** webpack serve: the dev server gets the trusted certificates; every other use stays synchronous and certificate-free. */
function configFor(env = {}, argv = {}) {
  const c = config(env, argv);
  if (!env.WEBPACK_SERVE) return c;
  return devServerHttps().then((server) => ({ ...c, devServer: { ...c.devServer, server } }));
}

module.exports = configFor;
module.exports.transformManifest = transformManifest;
module.exports.contentSecurityPolicy = contentSecurityPolicy;
module.exports.DEV_URL = DEV_URL;
module.exports.MANIFEST_VERSION = MANIFEST_VERSION;
module.exports.CDN_OFFICE_JS = CDN_OFFICE_JS;
