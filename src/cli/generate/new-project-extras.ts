/**
 * A multi-stage Dockerfile: production dependencies, build, then a runtime image run as `node`.
 * `vendor`: the project installs Panini from a packed copy in `vendor/` (`panini new --link`),
 * which the install stages must copy in before `npm ci`.
 */
export function dockerfile(options: { vendor?: boolean } = {}): string {
  const vendor = options.vendor ? 'COPY vendor ./vendor\n' : '';
  return `# syntax=docker/dockerfile:1
# 1) production dependencies only
FROM node:22-alpine AS deps
WORKDIR /app
COPY package.json package-lock.json* ./
${vendor}RUN npm ci --omit=dev --no-audit --no-fund

# 2) build with the dev dependencies (TypeScript)
FROM node:22-alpine AS build
WORKDIR /app
COPY package.json package-lock.json* ./
${vendor}RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npx tsc -p tsconfig.json

# 3) the runtime image: compiled code and production dependencies, run as the unprivileged 'node' user
FROM node:22-alpine
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY package.json ./
USER node
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
`;
}

/** The README of a new service: run, test, generate, Docker. */
export function readme(service: string): string {
  return `# ${service}

A NATS microservice built with Panini (\`@panini/core\`).

## Run

\`\`\`sh
npm install
npm run dev          # panini start --watch: builds, runs, restarts on change
npm run build && npm start   # node dist/src/main.js: tsc writes src/ to dist/src/, test/ to dist/test/
\`\`\`

If \`package.json\` depends on \`file:vendor/panini-core-*.tgz\`, the project was made from a checkout
of Panini (\`panini new --link\`): \`@panini/core\` is not on the npm registry yet, so it installs that
packed copy. \`class-validator\` and \`class-transformer\` are listed here because Panini shares your
copy of them (peer dependencies); keep one copy of each (\`npm ls class-transformer\`).

It connects to \`NATS_URL\` (default \`nats://127.0.0.1:4222\`). Try it from another terminal:

\`\`\`sh
npx panini request ${service}.greet '{"name":"Ada"}'
npx panini info      # modules, subjects, DTOs, tasks and HTTP routes
\`\`\`

## Test

\`\`\`sh
npm test             # unit tests on the in-memory transport, no NATS needed
\`\`\`

## Grow it

\`\`\`sh
npx panini generate module orders
npx panini generate controller orders
npx panini generate provider orders
npx panini generate dto orders/create-order
npx panini generate http-controller orders
\`\`\`

Each generator registers the new class in the nearest module and writes its test under \`test/\`
(see \`nest-cli-style.json\` to change that).

## Docker

\`\`\`sh
docker build -t ${service} .
docker run --rm -e NATS_URL=nats://host.docker.internal:4222 ${service}
\`\`\`

The image runs as the unprivileged \`node\` user.
`;
}
