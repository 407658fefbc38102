#!/usr/bin/env node
/**
 * Creates an app with the workspace's standard shape: project.json (bundle with esbuild,
 * build = bundle plus a package.json of only the packages the bundle requires, serve
 * with tsx, lint, test, typecheck), tsconfigs, jest
 * config, a multi-stage Dockerfile, and src/{config,app,main}.ts in the house style.
 * Add the compose service by hand (the workspace checks fail until you do).
 *
 * Usage: node tools/scaffold/new-app.mjs <layer>/<name> --port <n> [--api <name>]
 *   node tools/scaffold/new-app.mjs system/salesforce --port 8281 --api salesforce
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { port: { type: 'string' }, api: { type: 'string' } } });
const [dir] = positionals;
const layers = { system: 'layer:system', process: 'layer:process', experience: 'layer:experience', emulators: 'layer:emulator', portal: 'layer:portal' };
const [layer] = (dir ?? '').split('/');
if (!dir || !layers[layer] || !values.port) {
  console.error('usage: new-app.mjs <system|process|experience|emulators>/<name> --port <n> [--api <name>]');
  process.exit(2);
}
const root = `apps/${dir}`;
const name = dir.replaceAll('/', '-');
const up = root.split('/').map(() => '..').join('/');
if (existsSync(root)) {
  console.error(`${root} already exists`);
  process.exit(1);
}
const write = (file, content) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
};
const tags = ['type:app', layers[layer], ...(values.api ? [`api:${values.api}`] : [])];

write('project.json', {
  name,
  $schema: `${up}/node_modules/nx/schemas/project-schema.json`,
  sourceRoot: `${root}/src`,
  projectType: 'application',
  tags,
  targets: {
    bundle: {
      executor: '@nx/esbuild:esbuild',
      outputs: ['{options.outputPath}'],
      options: {
        platform: 'node', target: 'node20', outputPath: `dist/${root}`, format: ['cjs'], bundle: true, thirdParty: false,
        main: `${root}/src/main.ts`, tsConfig: `${root}/tsconfig.app.json`, generatePackageJson: true, skipTypeCheck: true, sourcemap: true,
      },
    },
    // Nx's package.json lists every package the app's libraries import anywhere (tests too):
    // the build keeps only what the bundle requires (tools/build/README.md).
    build: {
      executor: 'nx:run-commands',
      dependsOn: ['bundle'],
      inputs: ['production', '^production', '{workspaceRoot}/package.json', '{workspaceRoot}/tools/build/src/**/*'],
      outputs: [`{workspaceRoot}/dist/${root}/package.json`, `{workspaceRoot}/dist/${root}/package-lock.json`],
      options: { command: `tsx --tsconfig tools/build/tsconfig.json tools/build/src/prune-app-package.ts dist/${root}` },
    },
    serve: { executor: 'nx:run-commands', continuous: true, options: { command: `tsx --tsconfig ${root}/tsconfig.json ${root}/src/main.ts` } },
    lint: {},
    test: {},
    typecheck: {},
  },
});
write('tsconfig.json', { extends: `${up}/tsconfig.base.json`, compilerOptions: { types: ['node', 'jest'] }, include: ['src/**/*.ts'] });
write('tsconfig.app.json', {
  extends: `${up}/tsconfig.base.json`,
  compilerOptions: { outDir: `${up}/dist/out-tsc`, types: ['node'] },
  include: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/__fixtures__/**'],
});
write('jest.config.js', `module.exports = {\n  displayName: '${name}',\n  preset: '${up}/jest.preset.js',\n  rootDir: __dirname,\n};\n`);
write('Dockerfile', `# syntax=docker/dockerfile:1
# Build from the repository root: docker build -f ${root}/Dockerfile .
FROM node:22-slim AS build
WORKDIR /workspace
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN NX_DAEMON=false npx nx run ${name}:build

FROM node:22-slim AS runtime
ENV NODE_ENV=production PORT=${values.port} DATA_DIR=/app/.data
WORKDIR /app
# Only the packages the bundle requires: the build narrows Nx's package.json and lock to them.
COPY --from=build /workspace/dist/${root}/package.json /workspace/dist/${root}/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /workspace/dist/${root}/ ./
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE ${values.port}
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \\
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||${values.port})+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node is PID 1 and handles SIGTERM itself (graceful drain in service-kit).
CMD ["node", "main.cjs"]
`);
write('src/config.ts', `import { z } from 'zod';
import { baseConfigSchema, portSetting } from '@strata/service-kit';

/** ${name}'s settings; every one has a default that works in the local landscape. */
export const configSchema = baseConfigSchema.extend({
  PORT: portSetting(${values.port}),
});

export type Config = z.output<typeof configSchema>;
`);
write('src/app.ts', `import { Router } from 'express';
import { Logger } from '@strata/logging';
import { createServiceApp, ServiceApp } from '@strata/service-kit';

export interface Deps {
  logger: Logger;
  production?: boolean;
}

/** Builds ${name}; never listens and never reads the environment. */
export function createApp(deps: Deps): ServiceApp {
  return createServiceApp({ name: '${name}', logger: deps.logger, production: deps.production, routes: Router() });
}
`);
write('src/main.ts', `import { createLogger } from '@strata/logging';
import { loadConfig, startService } from '@strata/service-kit';
import { createApp } from './app';
import { configSchema } from './config';

async function main(): Promise<void> {
  const config = loadConfig(configSchema, process.env, '${name}');
  const logger = createLogger({ service: '${name}', level: config.LOG_LEVEL });
  const service = createApp({ logger, production: config.NODE_ENV === 'production' });
  await startService(service, { port: config.PORT, host: config.HOST, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS, handleSignals: true });
}

void main();
`);
console.log(`created ${root} (${name}, port ${values.port}, tags ${tags.join(' ')})`);
