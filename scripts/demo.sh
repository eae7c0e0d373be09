#!/usr/bin/env bash
# The main job: builds the engine, the npm package and the reference API, then serves
# the demo page and the API on 127.0.0.1 with an embedded SQLite database seeded
# with the demo user. Ctrl-C stops it; the database keeps the edits.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-pkg.sh
cargo build --release -p guided-checklist-server

port=${PORT:-8787}
site=target/www
rm -rf "$site" && mkdir -p "$site"
cp -r www/. "$site/"
cp -r pkg "$site/pkg"
cat > "$site/config.js" <<JS
// Written by scripts/demo.sh: a development token bound to the demo user.
export const config = { baseUrl: location.origin, userId: 'demo-user', token: 'demo-user-token' };
JS

echo "demo: http://127.0.0.1:$port/"
exec target/release/guided-checklist-server \
  --addr "127.0.0.1:$port" \
  --db "${DB:-target/demo.sqlite}" \
  --static-dir "$site" \
  --seed www/seed.json \
  --user-token demo-user-token=demo-user \
  --cors-origin "http://127.0.0.1:$port" \
  --test-controls
