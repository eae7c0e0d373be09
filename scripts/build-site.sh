#!/usr/bin/env bash
# Assembles the demo site in target/www: the page, the npm package and its config.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-pkg.sh
site=target/www
rm -rf "$site" && mkdir -p "$site"
cp -r www/. "$site/"
cp -r pkg "$site/pkg"
cat > "$site/config.js" <<'JS'
// Written by scripts/build-site.sh: a development token bound to the demo user, and the
// development admin token that the demo's role switch (a test control) needs.
export const config = {
  baseUrl: location.origin, userId: 'demo-user', token: 'demo-user-token', adminToken: 'demo-admin-token',
};
JS
