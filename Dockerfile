# One image for every Node service of docker-compose.yml; the command picks the role:
#   node dist/scripts/serve.js gateway | subgraph <name> | simulator <agency>
#   node dist/scripts/migrate-storage.js              (and the other operator scripts in dist/scripts/)
# It runs compiled JavaScript on the base image's Node 24, as an unprivileged user, under an init.
# test/deploy/dockerfile.spec.ts keeps it to this shape.

# ── build: every dependency (TypeScript, the pinned node package), then `npm run build` → dist/ ──
FROM node:24-bookworm-slim AS build
WORKDIR /app
ENV APOLLO_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# The whole context (.dockerignore keeps out installs, builds, data, secrets): the build compiles
# what tsconfig.build.json names, and only dist/ leaves this stage.
COPY . .
RUN npm run build

# ── runtime: production dependencies only, the compiled tree, no TypeScript and no tsx at run time ──
FROM node:24-bookworm-slim AS runtime
# tini as PID 1: signals reach node (SIGTERM → a clean shutdown), and exited children are reaped.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# Without devDependencies: no jest, no TypeScript, and not the pinned `node` package (it is a
# devDependency): the base image's Node 24 runs everything.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/ dist/
# The one writable place: the code and its dependencies stay root-owned and read-only to the
# service. A named volume mounted on /var/lib/hpf/checkpoints starts owned by node, as here.
RUN mkdir -p /var/lib/hpf/checkpoints \
 && chown -R node:node /var/lib/hpf \
 && chmod 0750 /var/lib/hpf
ENV NODE_ENV=production \
    APOLLO_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    STORAGE_DIR=/var/lib/hpf/pglite \
    AUTH_KEYS_DIR=/var/lib/hpf/keys \
    ACCESS_RECORD_CHECKPOINT_DIR=/var/lib/hpf/checkpoints \
    HEALTHCHECK_URL=http://127.0.0.1:4000/health/ready
USER node
EXPOSE 4000
# The role's own health endpoint: the gateway's readiness by default; a subgraph's is
# http://127.0.0.1:<port>/health/ready (its storage included), a simulator's http://127.0.0.1:<port>/_sim/health
# (docker-compose.yml probes each service itself).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(process.env.HEALTHCHECK_URL).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# The gateway's Node flags: lib/node-flags.ts says why (a bounded young generation).
CMD ["node", "--max-semi-space-size=8", "dist/scripts/serve.js", "gateway"]
