#!/usr/bin/env bash
# Runs schemathesis against a freshly started reference server with server/openapi.yaml.
# Usage: scripts/schemathesis.sh [max-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${1:-60}
venv=target/pyenv
if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q schemathesis==4.32.5
fi
cargo build -q -p guided-checklist-server
work=$(mktemp -d)
port_file="$work/stdout"
target/debug/guided-checklist-server --addr 127.0.0.1:0 --db "$work/st.sqlite" --admin-token st-admin --quiet \
  > "$port_file" 2> "$work/stderr" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q 'listening on' "$port_file" && break; sleep 0.1; done
url=$(sed -n 's/.*listening on //p' "$port_file")
"$venv/bin/schemathesis" run server/openapi.yaml --url "$url" -H "Authorization: Bearer st-admin" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,unsupported_method,allow_header_conformance \
  --phases examples,coverage,fuzzing,stateful --max-time "$budget" --workers 1 --no-color
