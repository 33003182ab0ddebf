# One image for every service of the federation; docker-compose.yml picks the command.
# The base image is pinned by digest (deploy/pinned-images.json; `npm run compose` passes
# the same reference as NODE_IMAGE, and a test checks that this default matches it).
ARG NODE_IMAGE=docker.io/library/node:20-bookworm-slim@sha256:2cf067cfed83d5ea958367df9f966191a942351a2df77d6f0193e162b5febfc0

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.base.json ./
COPY shared/package.json shared/
COPY gateway/package.json gateway/
COPY subgraphs/interpol/package.json subgraphs/interpol/
COPY subgraphs/europol/package.json subgraphs/europol/
COPY subgraphs/national/package.json subgraphs/national/
COPY subgraphs/accountability/package.json subgraphs/accountability/
COPY tools/package.json tools/
COPY test/package.json test/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx tsc -b && npm prune --omit=dev

FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production
# The services run as the image's non-root `node` user, whose uid and gid docker-compose.yml
# gives the secrets only the service may read (the gateway's signing key): stop the build if
# they are not 1000.
RUN test "$(id -u node):$(id -g node)" = "1000:1000"
# Owned by root (npm and tsc leave nothing writable by others): the service user cannot change
# the code at run time (the containers also run with a read-only root file system).
COPY --from=build --chown=root:root /app /app
USER node
