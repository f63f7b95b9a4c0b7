#!/usr/bin/env bash
# Rebuild the report's partial plotly.js bundle (pipelines/report/vendor/).
#
#   bash scripts/build_plotly_bundle.sh [VERSION]      # default: the version in vendor/README.md
#
# The weekly report inlines plotly.js so it opens offline; the full bundle is 4.8 MB. This one
# holds plotly's core (scatter, every layout component) plus the trace types the report draws:
# bar and heatmap. Steps, all from the npm registry: `npm pack plotly.js@VERSION` (its lib/ and
# src/), `npm install --omit=dev` of its dependencies, then esbuild with plotly's own build
# settings (esbuild-config.js: iife, global `Plotly`, inline CSS, es2016), minified. Licence
# comments of the bundled packages go to plotly-voc.LEGAL.txt. Needs node >= 20 and npm.
# Adding a trace type to the report means adding it to TRACES below and rebuilding.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:-4.1.1}
TRACES=(bar heatmap)
out=pipelines/report/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(
  cd "$work"
  npm pack --silent "plotly.js@$version" >/dev/null
  tar xzf "plotly.js-$version.tgz"
  mkdir tools
  (cd tools && npm init -y >/dev/null &&
    npm install --silent --no-audit --no-fund esbuild@0.28.1 esbuild-plugin-environment@0.5.0 \
      esbuild-plugin-inline-css@0.0.1 >/dev/null)
  cd package
  npm install --silent --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null 2>&1
  {
    echo "'use strict';"
    echo "var Plotly = require('./lib/core');"
    printf "Plotly.register(["
    for t in "${TRACES[@]}"; do printf "require('./lib/%s'), " "$t"; done
    echo "]);"
    echo "module.exports = Plotly;"
  } >voc-entry.js
  cat >voc-build.js <<JS
const tools = '$work/tools/node_modules/';
const esbuild = require(tools + 'esbuild');
const { environmentPlugin } = require(tools + 'esbuild-plugin-environment');
const InlineCSSPlugin = require(tools + 'esbuild-plugin-inline-css');
esbuild.build({
  entryPoints: ['./voc-entry.js'], outfile: './plotly-voc.min.js',
  format: 'iife', globalName: 'Plotly', bundle: true, minify: true, sourcemap: false,
  legalComments: 'external',
  plugins: [InlineCSSPlugin(), environmentPlugin({ NODE_DEBUG: false })],
  alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
  define: { global: 'window', 'define.amd': 'false' },
  target: 'es2016', logLevel: 'warning',
}).catch(() => process.exit(1));
JS
  node voc-build.js
)
traces=$(IFS=,; echo "scatter,${TRACES[*]}")
{
  echo "/**"
  echo "* plotly.js v$version, partial bundle for voc-italia (traces: $traces)"
  echo "* Copyright 2012-2026, Plotly, Inc. Licensed under the MIT license (LICENSE.plotly.txt);"
  echo "* bundled packages' licence notices: plotly-voc.LEGAL.txt. Rebuilt by scripts/build_plotly_bundle.sh"
  echo "*/"
  cat "$work/package/plotly-voc.min.js"
} >"$out/plotly-voc.min.js"
cp "$work/package/plotly-voc.min.js.LEGAL.txt" "$out/plotly-voc.LEGAL.txt" 2>/dev/null \
  || cp "$work/package/plotly-voc.LEGAL.txt" "$out/plotly-voc.LEGAL.txt"
cp "$work/package/LICENSE" "$out/LICENSE.plotly.txt"
sha256sum "$out/plotly-voc.min.js" | cut -c1-64
wc -c "$out/plotly-voc.min.js"
