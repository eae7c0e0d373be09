#!/usr/bin/env bash
# The main job: builds the engine, the npm package and the reference API, then serves
# the demo page and the API on 127.0.0.1 with an embedded SQLite database seeded
# with the demo user. Ctrl-C stops it; the database keeps the edits.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-site.sh
cargo build --release -p guided-checklist-server
port=${PORT:-8787}
echo "demo: http://127.0.0.1:$port/"
exec target/release/guided-checklist-server \
  --addr "127.0.0.1:$port" \
  --db "${DB:-target/demo.sqlite}" \
  --static-dir target/www \
  --seed www/seed.json \
  --user-token demo-user-token=demo-user \
  --admin-token demo-admin-token \
  --cors-origin "http://127.0.0.1:$port" \
  --test-controls
