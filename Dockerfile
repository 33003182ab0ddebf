# One image for every service of the federation; docker-compose.yml picks the command.
FROM node:20-bookworm-slim AS build
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

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app /app
USER node
