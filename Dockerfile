# flux-warden GitHub App. Multi-stage: build with dev dependencies, run with production ones only.
# Runs as a non-root user and writes nothing to its root filesystem: the embedded queue and audit log live in
# DATA_DIR (/data, a volume), so it works with readOnlyRootFilesystem: true.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 (the embedded audit log and queue) is a native module: build it here, for this Node.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:20.20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/lib ./lib
COPY package.json app.yml ./
COPY policies ./policies
COPY bin ./bin
USER 65532:65532
EXPOSE 3000
CMD ["node", "lib/app/start.js"]
