#!/usr/bin/env bash
# `make test`: every test, against a real PostgreSQL (embedded unless DATABASE_URL names a server).
set -euo pipefail
cd "$(dirname "$0")/.."
UV=$(command -v uv || echo "$HOME/.local/bin/uv")

export CWM_TEST_PG
CWM_TEST_PG=$("$UV" run --frozen python scripts/devctl.py test-db)
cleanup() { "$UV" run --frozen python scripts/devctl.py stop-test-db || true; }
trap cleanup EXIT
echo "test PostgreSQL: $CWM_TEST_PG"

status=0
# The shared kit, then each service in its own pytest process (each has its own `tests` package and
# fixtures): in-process over ASGI, against its own migrated database per test worker.
"$UV" run --frozen pytest -q libs || status=$?
for service in services/*/; do
  "$UV" run --frozen pytest -q -n 2 "$service" || status=$?
done
# Cross-service tests: real processes, real gateway, real HTTP.
"$UV" run --frozen pytest -q tests || status=$?
if [ -f frontend/package.json ]; then
  (cd frontend && npm run --silent test) || status=$?
fi
exit $status
