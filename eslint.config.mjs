/**
 * One lint configuration for the whole workspace.
 *
 * The layer rules of API-led connectivity are enforced here, not by goodwill:
 * - experience apps: shared libs, process contracts, and their own experience contract;
 * - process apps: shared libs, system contracts, and their own process contract;
 * - system apps: shared libs and their own system contract;
 * - emulators and shared libs: shared libs only; contract libs: shared libs only;
 * - tooling (tools/*): shared libs and other tooling (the workspace checks use the build's
 *   own bundle analysis);
 * - the portal: shared libs and process contracts (it reads the sync status; every
 *   other app only over its generic health and OpenAPI endpoints);
 * - nothing imports an app (enforce-module-boundaries forbids that by itself).
 * "Own contract" is expressed by an `api:<name>` tag carried by an app and by its
 * contract lib; a constraint per app is generated from the project.json files below.
 */
import nx from '@nx/eslint-plugin';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const LAYER_ALLOWS = {
  system: ['layer:shared'],
  process: ['layer:shared', 'contracts:system'],
  experience: ['layer:shared', 'contracts:process'],
};

/** Every project.json under the given folders, read once at lint start. */
function findProjects(dir) {
  if (!existsSync(dir)) return [];
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'node_modules') continue;
    const child = path.join(dir, entry.name);
    const projectFile = path.join(child, 'project.json');
    if (existsSync(projectFile)) found.push(JSON.parse(readFileSync(projectFile, 'utf8')));
    found.push(...findProjects(child));
  }
  return found;
}

function ownContractConstraints() {
  const projects = [...findProjects('apps'), ...findProjects('tools/boundary-fixtures')];
  const constraints = [];
  for (const { tags = [] } of projects) {
    const layer = tags.find((t) => t.startsWith('layer:'))?.slice('layer:'.length);
    const api = tags.find((t) => t.startsWith('api:'));
    if (!api || !LAYER_ALLOWS[layer]) continue;
    constraints.push({ allSourceTags: [`layer:${layer}`, api], onlyDependOnLibsWithTags: [...LAYER_ALLOWS[layer], api] });
  }
  return constraints;
}

export const depConstraints = [
  { sourceTag: 'layer:shared', onlyDependOnLibsWithTags: ['layer:shared'] },
  { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['layer:shared'] },
  { sourceTag: 'layer:emulator', onlyDependOnLibsWithTags: ['layer:shared'] },
  { sourceTag: 'layer:tooling', onlyDependOnLibsWithTags: ['layer:shared', 'layer:tooling'] },
  { sourceTag: 'layer:portal', onlyDependOnLibsWithTags: ['layer:shared', 'contracts:process'] },
  { sourceTag: 'layer:system', onlyDependOnLibsWithTags: ['layer:shared', 'contracts:system'] },
  { sourceTag: 'layer:process', onlyDependOnLibsWithTags: ['layer:shared', 'contracts:system', 'contracts:process'] },
  { sourceTag: 'layer:experience', onlyDependOnLibsWithTags: ['layer:shared', 'contracts:process', 'contracts:experience'] },
  ...ownContractConstraints(),
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: ['**/dist', '**/node_modules', 'reports', 'tmp', '.nx', 'bench/results', 'coverage'],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints,
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.test.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
