#!/usr/bin/env node
/**
 * Runs one project's jest suite and leaves its machine-readable result in
 * reports/jest/<project>.json, which tools/ci/sum-tests.mjs adds up.
 *
 * Usage: node tools/ci/jest-project.mjs <projectRoot> <projectName> [jest args...]
 *
 * PGlite loads its WebAssembly through a dynamic import, which jest only allows with
 * --experimental-vm-modules; every suite gets the flag so no project has to remember.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [projectRoot, projectName, ...rest] = process.argv.slice(2);
if (!projectRoot || !projectName) {
  console.error('usage: jest-project.mjs <projectRoot> <projectName> [jest args...]');
  process.exit(2);
}
const reportDir = path.resolve('reports/jest');
mkdirSync(reportDir, { recursive: true });
const jestBin = path.join(path.dirname(createRequire(import.meta.url).resolve('jest/package.json')), 'bin/jest.js');
const maxWorkers = process.env.JEST_MAX_WORKERS ?? '1';
const result = spawnSync(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    jestBin,
    '--config',
    path.join(projectRoot, 'jest.config.js'),
    '--json',
    '--outputFile',
    path.join(reportDir, `${projectName}.json`),
    `--maxWorkers=${maxWorkers}`,
    ...rest,
  ],
  { stdio: 'inherit', env: process.env },
);
process.exit(result.status ?? 1);
