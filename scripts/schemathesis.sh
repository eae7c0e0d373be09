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
# The reference server from with-test-server.sh, which checks that it started.
exec bash scripts/with-test-server.sh bash -c '"$0" run server/openapi.yaml --url "$GC_API_URL" \
  -H "Authorization: Bearer $GC_API_TOKEN" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,unsupported_method,allow_header_conformance \
  --phases examples,coverage,fuzzing,stateful --max-time "$1" --workers 1 --no-color' "$venv/bin/schemathesis" "$budget"
