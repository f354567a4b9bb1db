#!/usr/bin/env bash
# `make test`: every test, against a real PostgreSQL (embedded unless DATABASE_URL names a server).
# `scripts/test.sh --tools` only resolves the tools below, prints them and exits (tests/test_fresh_machine.py).
set -euo pipefail
cd "$(dirname "$0")/.."

# uv as `make` resolved it (CWM_UV), else on PATH, else where `make install-python` puts it (~/.local/bin).
UV=${CWM_UV:-$(command -v uv || echo "$HOME/.local/bin/uv")}
export CWM_UV=$UV

# Every test runs as on a fresh machine, whatever this one has on PATH: the OS's own directories plus those of
# Node.js and npm (a prerequisite, installed wherever the developer installed it). Not /usr/local/* (this machine
# keeps a hand-installed PostgreSQL there), ~/.local/bin (where make puts uv), pyenv or cargo: tools the Makefile
# installs are called by path (uv as $CWM_UV, python from the venv, Debian's /usr/bin/chromium and /usr/sbin/nginx).
fresh_path=/usr/sbin:/usr/bin:/sbin:/bin
for tool in npm node; do
  if found=$(command -v "$tool"); then
    dir=$(dirname "$found")
    case ":$fresh_path:" in *":$dir:"*) ;; *) fresh_path="$dir:$fresh_path" ;; esac
  fi
done
export PATH=$fresh_path

if [ "${1:-}" = --tools ]; then
  status=0
  echo "PATH=$PATH"
  if [ -x "$UV" ]; then echo "uv=$UV ($("$UV" --version))"; else echo "uv missing: $UV" >&2; status=1; fi
  for tool in node npm; do
    if found=$(command -v "$tool"); then echo "$tool=$found"; else echo "$tool missing on PATH" >&2; status=1; fi
  done
  chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
  if [ -x "$chromium" ]; then echo "chromium=$chromium"; else echo "chromium missing: $chromium" >&2; status=1; fi
  if [ -x /usr/sbin/nginx ]; then echo "nginx=/usr/sbin/nginx"; else echo "nginx missing: /usr/sbin/nginx" >&2; status=1; fi
  exit $status
fi
[ -x "$UV" ] || { echo "uv not found at $UV: run \`make install\` (or set CWM_UV)" >&2; exit 1; }

export CWM_TEST_PG
CWM_TEST_PG=$("$UV" run --frozen python scripts/devctl.py test-db)
cleanup() { "$UV" run --frozen python scripts/devctl.py stop-test-db || true; }
trap cleanup EXIT
echo "test PostgreSQL: $CWM_TEST_PG"

status=0
# Import boundaries (.importlinter): services never import each other, pure modules import neither SQLAlchemy
# nor FastAPI, router -> dependencies -> service -> repository in each domain (also tests/test_boundaries.py).
"$UV" run --frozen lint-imports || status=$?
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
