# The gateway image: Caddy with deploy/gateway/Caddyfile and the built SPA.
#   docker build -f deploy/docker/gateway.Dockerfile -t cwm-gateway .
FROM node:20-slim AS spa
WORKDIR /frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend ./
RUN npm run build

FROM caddy:2.11-alpine
COPY deploy/gateway/Caddyfile /etc/caddy/Caddyfile
COPY --from=spa /frontend/dist /srv/spa
ENV SPA_ROOT=/srv/spa GATEWAY_LISTEN=:8080
EXPOSE 8080
CMD ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]
