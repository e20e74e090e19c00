#!/usr/bin/env bash
# Refresh madani/static/vendor/ from the locked npm packages (run by `make vendor`; needs npm).
# The copied dist files are committed so that a new machine needs only Python to run Madani.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
out=../madani/static/vendor
nm=node_modules
mkdir -p $out/{bootstrap,htmx,chartjs,fonts,odk}
cp $nm/bootstrap/dist/css/bootstrap.min.css $nm/bootstrap/dist/css/bootstrap.rtl.min.css \
   $nm/bootstrap/dist/js/bootstrap.bundle.min.js $nm/bootstrap/LICENSE $out/bootstrap/
cp $nm/htmx.org/dist/htmx.min.js $nm/htmx.org/LICENSE $out/htmx/
cp $nm/chart.js/dist/chart.umd.min.js $nm/chart.js/LICENSE.md $out/chartjs/
cp $nm/@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-{400,700}-normal.woff2 \
   $nm/@fontsource/noto-naskh-arabic/LICENSE $out/fonts/
# ODK's XForms engine (one self-contained ES module, its XPath parser's WebAssembly inlined) for the web forms;
# the package ships no LICENSE file: its package.json (license Apache-2.0) is kept beside it.
cp $nm/@getodk/xforms-engine/dist/index.js $out/odk/xforms-engine.js
cp $nm/@getodk/xforms-engine/package.json $out/odk/package.json
# The packages' source maps are not copied: drop the comments that point to them (the production static
# storage, ManifestStaticFilesStorage, refuses references to missing files).
sed -i -E '/^\/[*\/]# sourceMappingURL=/d' $out/bootstrap/*.min.css $out/bootstrap/*.min.js $out/chartjs/*.min.js $out/odk/xforms-engine.js
echo "vendor files refreshed in madani/static/vendor"
