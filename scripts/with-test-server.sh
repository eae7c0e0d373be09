#!/usr/bin/env bash
# Runs a command with a fresh reference server (test controls on, any CORS origin) on a
# free loopback port; the command sees GC_API_URL and GC_API_TOKEN. The server stops after.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p guided-checklist-server
exec node scripts/with-test-server.mjs "$@"
