# The API only; the database comes from NEO4J_URI (see docker-compose.yml).
# First stage: build the web pages (explorer, GraphiQL) with the dev dependencies.
FROM node:20-bookworm-slim AS web
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY web ./web
RUN npm run build:web

FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY schema ./schema
COPY seeds ./seeds
COPY src ./src
COPY tsconfig.json ./
COPY --from=web /app/dist ./dist
ENV NODE_ENV=production PORT=4000
EXPOSE 4000
CMD ["npx", "tsx", "src/main.ts"]
