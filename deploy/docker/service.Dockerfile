# One image per service, built from the repository root:
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=registry -t cwm-registry .
FROM python:3.11-slim AS build
ARG SERVICE
RUN pip install --no-cache-dir uv
WORKDIR /app
COPY pyproject.toml uv.lock ./
COPY libs ./libs
COPY services ./services
RUN uv sync --frozen --no-dev --package cwm-${SERVICE} --no-editable

FROM python:3.11-slim
ARG SERVICE
ENV SERVICE=${SERVICE} PATH=/app/.venv/bin:$PATH PYTHONUNBUFFERED=1 CWM_ENVIRONMENT=production
RUN useradd --system --uid 10001 app
COPY --from=build /app/.venv /app/.venv
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s CMD python -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)" || exit 1
# CWM_WEB_WORKERS uvicorn processes (default 1; compose and Kubernetes give payroll and assessment 2 — the
# registry stays at 1, see scripts/devctl.py web_workers and ADR 0004).
CMD ["sh", "-c", "exec uvicorn --factory ${SERVICE}.main:create_app --host 0.0.0.0 --port 8000 --proxy-headers --forwarded-allow-ips='*' --workers ${CWM_WEB_WORKERS:-1}"]
