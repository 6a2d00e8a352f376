# The worker and the API image (one image, two commands; see docker-compose.yml).
# TypeScript runs through tsx, as in development: no separate build step to drift.
FROM node:20-bookworm-slim

# MALLOC_ARENA_MAX: two glibc malloc arenas, not eight per core (src/main/worker-launch.ts).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    MALLOC_ARENA_MAX=2
WORKDIR /app

# Dependencies first, so a source change does not reinstall them.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY . .
# The workflow bundle of this code, built into the image: a worker starts without bundling.
RUN node --import tsx scripts/bundle-workflows.ts && chown -R node:node /app
USER node

EXPOSE 3000
# node directly (not npm) so SIGTERM from the orchestrator reaches the app and it drains cleanly.
# The API by default; the worker service runs src/main/worker.ts.
CMD ["node", "--import", "tsx", "src/main/api.ts"]
