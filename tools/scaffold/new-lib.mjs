#!/usr/bin/env node
/**
 * Creates a library project with the workspace's standard targets and registers its
 * `@strata/<alias>` path, so a new lib is one command instead of six hand-copied files.
 *
 * Usage: node tools/scaffold/new-lib.mjs <dir under libs/> [--alias name] [--tags a,b]
 *   node tools/scaffold/new-lib.mjs logging
 *   node tools/scaffold/new-lib.mjs contracts/system-salesforce --alias contracts-system-salesforce \
 *     --tags type:contract,contracts:system,api:salesforce
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { alias: { type: 'string' }, tags: { type: 'string', default: 'layer:shared,type:lib' } },
});
const [dir] = positionals;
if (!dir) {
  console.error('usage: new-lib.mjs <dir under libs/> [--alias name] [--tags a,b]');
  process.exit(2);
}
const root = `libs/${dir}`;
const alias = values.alias ?? dir.replaceAll('/', '-');
const up = root.split('/').map(() => '..').join('/');
if (existsSync(root)) {
  console.error(`${root} already exists`);
  process.exit(1);
}
const write = (file, content) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
};

write('project.json', {
  name: alias,
  $schema: `${up}/node_modules/nx/schemas/project-schema.json`,
  sourceRoot: `${root}/src`,
  projectType: 'library',
  tags: values.tags.split(',').filter(Boolean),
  targets: {
    build: {
      executor: '@nx/js:tsc',
      outputs: ['{options.outputPath}'],
      options: { outputPath: `dist/${root}`, main: `${root}/src/index.ts`, tsConfig: `${root}/tsconfig.lib.json` },
    },
    lint: {},
    test: {},
    typecheck: {},
  },
});
write('tsconfig.json', {
  extends: `${up}/tsconfig.base.json`,
  compilerOptions: { types: ['node', 'jest'] },
  include: ['src/**/*.ts'],
});
write('tsconfig.lib.json', {
  extends: `${up}/tsconfig.base.json`,
  compilerOptions: { outDir: `${up}/dist/out-tsc`, declaration: true, types: ['node'] },
  include: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/__fixtures__/**'],
});
write('jest.config.js', `module.exports = {\n  displayName: '${alias}',\n  preset: '${up}/jest.preset.js',\n  rootDir: __dirname,\n};\n`);
write('package.json', { name: `@strata/${alias}`, version: '0.1.0', private: true, main: './src/index.js', types: './src/index.d.ts' });
write('src/index.ts', '');

const base = JSON.parse(readFileSync('tsconfig.base.json', 'utf8'));
base.compilerOptions.paths[`@strata/${alias}`] = [`${root}/src/index.ts`];
base.compilerOptions.paths = Object.fromEntries(Object.entries(base.compilerOptions.paths).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync('tsconfig.base.json', `${JSON.stringify(base, null, 2)}\n`);
console.log(`created ${root} as @strata/${alias}`);
