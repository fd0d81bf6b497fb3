# The gateway's image (see docs/deploy.md): docker build -t eks-pod-identity-gateway .
#
# - build: every dependency, then `npm run build` (tsc) to dist/.
# - prod-deps: the production dependencies only, installed in an image of the same base as the
#   runtime: better-sqlite3 is a native addon, fetched prebuilt or compiled here (hence the build
#   tools) for exactly the Node.js and glibc the runtime has.
# - runtime: Node.js, tini, the build and those dependencies; no compiler, no npm run at start,
#   a numeric non-root user, nothing written outside /tmp (a read-only root filesystem works),
#   no HEALTHCHECK (Kubernetes probes /healthz and /readyz).
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# TypeScript needs no native addon: install scripts (better-sqlite3's compile) are skipped here.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE} AS prod-deps
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
# tini as PID 1: it forwards SIGTERM to Node.js (which drains, see src/main.ts) and reaps
# zombies. Kubernetes has no equivalent of `docker run --init`, so the image brings its own.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The SDL is read at start (src/graphql/schema.ts finds schema/ beside package.json).
COPY package.json ./
COPY schema ./schema
# The node image's `node` user, by number: Kubernetes can check runAsNonRoot only against a numeric user.
USER 1000:1000
EXPOSE 4000
ENTRYPOINT ["/usr/bin/tini", "--"]
# The V8 flags of `npm start`: a young generation of 32 MiB semi-spaces, where the default
# 16 MiB made garbage collection about a tenth of the gateway's CPU per EKS call (npm run bench).
CMD ["node", "--max-semi-space-size=32", "dist/src/main.js"]
