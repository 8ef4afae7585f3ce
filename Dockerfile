# syntax=docker/dockerfile:1
# One image recipe for every service and the gateway. Build context = the repository root:
#   docker build --build-arg SERVICE=directory .        (directory | professional-development | monitoring | contests | communities | gateway)
# docker-compose.yml does this per service. Stages: deps → build → prod-deps → runtime.
# The gateway's image also carries the portal (portal/dist), built in its build stage.

# Same Node as .nvmrc / the root devDependency `node`; override with --build-arg NODE_IMAGE=...
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

# ---------------------------------------------------------------------------------------------
# deps: all dependencies (dev included) from the manifests only, so this layer is reused as
# long as no package.json / the lock file changes. Shared by every service's build.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV npm_config_update_notifier=false
# Every workspace's package.json, so the workspace tree matches the lock file (a new
# workspace needs a line here).
COPY package.json package-lock.json ./
COPY packages/auth/package.json packages/auth/
COPY packages/eventsourcing/package.json packages/eventsourcing/
COPY packages/messaging/package.json packages/messaging/
COPY packages/service-kit/package.json packages/service-kit/
COPY packages/testing/package.json packages/testing/
COPY contracts/package.json contracts/
COPY packages/demo-data/package.json packages/demo-data/
COPY services/directory/package.json services/directory/
COPY services/professional-development/package.json services/professional-development/
COPY services/monitoring/package.json services/monitoring/
COPY services/contests/package.json services/contests/
COPY services/communities/package.json services/communities/
COPY gateway/package.json gateway/
COPY portal/package.json portal/
# Not `npm ci`: the registry lacks some of @swc/core's optional per-platform builds, which
# the lock file therefore cannot list, and `npm ci` refuses the lock as out of sync;
# `npm install` resolves from the lock and skips the missing optional packages.
RUN --mount=type=cache,target=/root/.npm \
    npm install --no-audit --no-fund --loglevel=error

# ---------------------------------------------------------------------------------------------
# build: compile SERVICE and the workspaces it references (tsc -b follows references); the
# gateway's build also fails when the committed supergraph no longer matches a fresh
# composition of contracts/subgraphs/. Sources and tests are dropped afterwards, so the
# runtime stage copies compiled workspaces (with their entry-point folders such as core/).
FROM deps AS build
ARG SERVICE
COPY tsconfig.base.json tsconfig.build.json ./
COPY packages packages
COPY contracts contracts
COPY services services
COPY gateway gateway
COPY portal portal
RUN test -n "${SERVICE}" || { echo "--build-arg SERVICE=<directory|professional-development|monitoring|contests|communities|gateway> is required" >&2; exit 1; } \
 && dir="services/${SERVICE}" && if [ "${SERVICE}" = gateway ]; then dir=gateway; fi \
 && npx tsc -b "${dir}/tsconfig.json" \
 && if [ "${SERVICE}" = gateway ]; then node contracts/dist/compose/cli.js --check; fi \
 && if [ "${SERVICE}" = gateway ]; then cd portal && npx graphql-codegen --config codegen.ts && npx tsc -p tsconfig.json --noEmit && npx vite build --logLevel warn && cd ..; else mkdir -p portal/dist; fi \
 && echo "${dir}" > /app/.service-dir \
 && find packages contracts services gateway -name src -type d -prune -exec rm -rf {} + \
 && find packages contracts services gateway \( -name test -o -name '*.tsbuildinfo' -o -name tsconfig.json \) -prune -exec rm -rf {} +

# ---------------------------------------------------------------------------------------------
# prod-deps: the same node_modules without devDependencies (typescript, jest, swc, `node`...).
FROM deps AS prod-deps
RUN --mount=type=cache,target=/root/.npm \
    npm prune --omit=dev --no-audit --no-fund --loglevel=error

# ---------------------------------------------------------------------------------------------
# runtime: production node_modules + compiled workspaces; files owned by root, run as `node`.
FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    MMS_KEYS_DIR=/keys \
    SUPERGRAPH_FILE=contracts/supergraph.graphql \
    MMS_SERVICE=${SERVICE}
WORKDIR /app
# node_modules/@mms/* are relative symlinks into the workspace folders copied below.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/.service-dir ./
COPY --from=build /app/packages packages
# Subgraph SDLs are read at start (contracts/subgraphs/<context>.graphql); the gateway serves contracts/supergraph.graphql.
COPY --from=build /app/contracts contracts
COPY --from=build /app/services services
COPY --from=build /app/gateway gateway
# The portal's built pages (empty for a service): the gateway serves them at / (PORTAL_DIR).
COPY --from=build /app/portal/dist portal/dist
# Mount point of the dev keys volume. Owned by `node` so that an empty named volume mounted
# here takes that owner (the `keys` one-shot writes into it as `node`). The gateway image
# also runs the CLIs: node packages/auth/dist/cli/keys.js /keys, …/mint-token.js --role ROLE --keys /keys
RUN mkdir -p /keys && chown node:node /keys
USER node
# PORT comes from the compose file / the orchestrator (4000 gateway, 4101–4103 services).
CMD ["sh", "-c", "exec node \"$(cat /app/.service-dir)/dist/main.js\""]
