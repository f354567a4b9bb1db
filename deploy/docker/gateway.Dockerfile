# The gateway image: nginx with deploy/gateway/nginx.conf.template and the built SPA.
#   docker build -f deploy/docker/gateway.Dockerfile -t cwm-gateway .
FROM node:20-slim AS spa
WORKDIR /frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend ./
RUN npm run build

FROM nginx:1.27-alpine
# The image's entrypoint fills the template's ${NAME}s from the environment (envsubst) and writes it as
# /etc/nginx/nginx.conf at every start; Kubernetes mounts the same file over /etc/nginx/templates.
COPY deploy/gateway/nginx.conf.template /etc/nginx/templates/nginx.conf.template
COPY --from=spa /frontend/dist /srv/spa
# nginx's prefix is /etc/nginx: the template's tmp/ paths are under it, and nginx creates only their last part.
RUN mkdir -p /etc/nginx/tmp
# A default for every ${NAME} in the template (the same as scripts/devctl.py's): envsubst leaves an unset one
# as text, which nginx would refuse.
ENV NGINX_ENVSUBST_OUTPUT_DIR=/etc/nginx \
    GATEWAY_LISTEN=8080 GATEWAY_WORKERS=auto GATEWAY_MAX_BODY=10m GATEWAY_UPSTREAM_TIMEOUT=60s \
    SPA_ROOT=/srv/spa REGISTRY_UPSTREAM=registry:8000 PAYROLL_UPSTREAM=payroll:8000 \
    ASSESSMENT_UPSTREAM=assessment:8000
EXPOSE 8080
CMD ["nginx", "-g", "daemon off;"]
