# Two commands a newcomer needs: `make run` and `make test`. Everything they need is installed here.
SHELL := /bin/bash
# uv: CWM_UV if set, else the one on PATH, else where `install-python` puts it (pip --user: ~/.local/bin, which
# a fresh machine's PATH does not hold). Exported as CWM_UV: every script and test calls uv by that path.
UV := $(or $(CWM_UV),$(shell command -v uv 2>/dev/null),$(HOME)/.local/bin/uv)
export CWM_UV := $(UV)

.PHONY: run test bench reset backup restore install install-python install-frontend install-browser install-gateway install-wrk lint

run: install
	$(UV) run --frozen python scripts/devctl.py run

test: install
	bash scripts/test.sh

# Issue 15's benchmark, every part in one run, then one summary of the goals (scripts/bench_summary.py).
# BENCH=reads|dashboard|payroll|scaling runs one part; BENCH_ARGS goes to it (e.g. BENCH=reads BENCH_ARGS="--only me").
BENCH_RESULTS := .data/bench/results
BENCH_PARTS := reads dashboard payroll scaling
bench_part = $(if $(filter $(1),$(or $(BENCH),$(BENCH_PARTS))),$(UV) run --frozen python $(2) --json $(BENCH_RESULTS)/$(1).json $(if $(BENCH),$(BENCH_ARGS)) &&,)
bench: install install-wrk
	@rm -rf $(BENCH_RESULTS) && mkdir -p $(BENCH_RESULTS)
	@$(call bench_part,reads,scripts/bench_reads.py) $(call bench_part,dashboard,scripts/bench_dashboard.py) \
	  $(call bench_part,payroll,scripts/bench.py) $(call bench_part,scaling,services/payroll/bench/scaling_bench.py) \
	  $(UV) run --frozen python scripts/bench_summary.py $(BENCH_RESULTS)

# The read benchmark's load generator: Debian's wrk, installed once, as root (like install-browser).
install-wrk:
	@test -x /usr/bin/wrk || { if [ "$$(id -u)" = 0 ]; then (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null); else echo "wrk missing: install Debian's wrk package for the read benchmark"; fi; }

# One file with a pg_dump of each service's database: .data/backups/cwm-<UTC time>.tar (README, Operations).
backup: install-python
	$(UV) run --frozen python scripts/devctl.py backup

# Replaces each service's database with the backup's; refuses while `make run` is running.
restore: install-python
	@test -n "$(FILE)" || { echo "usage: make restore FILE=.data/backups/cwm-<time>.tar" >&2; exit 2; }
	$(UV) run --frozen python scripts/devctl.py restore "$(FILE)"

reset:
	-$(UV) run --frozen python scripts/devctl.py reset
	rm -rf .data

install: install-python install-frontend install-browser install-gateway

install-python:
	@test -x "$(UV)" || python3 -m pip install --quiet --user uv || python3 -m pip install --quiet uv
	$(UV) sync --frozen --all-packages

# npm ci only when package-lock.json changed since the last install (a second `make run` starts in seconds).
install-frontend:
	@if [ -f frontend/package.json ]; then cd frontend && lock=$$(sha256sum package-lock.json | cut -d' ' -f1) && \
	  if [ "$$(cat node_modules/.cwm-lock 2>/dev/null)" != "$$lock" ]; then \
	    (npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error) && echo "$$lock" > node_modules/.cwm-lock; \
	  fi; fi

# End-to-end tests drive Debian's Chromium (no browser download); installed once, as root.
install-browser:
	@(test -x "$${CHROMIUM_PATH:-/usr/bin/chromium}" && fc-list 2>/dev/null | grep -qi wqy) || { if [ "$$(id -u)" = 0 ]; then (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null); else echo "chromium missing: install Debian's chromium package for the browser tests"; fi; }

# The gateway: Debian's nginx-light, /usr/sbin/nginx (ADR 0013); installed once, as root (like install-browser).
# Installing it may start the package's own nginx on port 80: it is stopped, only `make run` starts the gateway.
install-gateway:
	@test -x /usr/sbin/nginx || { if [ "$$(id -u)" = 0 ]; then (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null && { /usr/sbin/nginx -s quit 2>/dev/null || true; }); else echo "nginx missing: install Debian's nginx-light package for the gateway"; exit 1; fi; }

lint:
	$(UV) run --frozen ruff check libs services scripts tests
