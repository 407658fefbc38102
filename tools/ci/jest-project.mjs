#!/usr/bin/env node
/**
 * Runs one suite of one project's jest tests and leaves its machine-readable result in
 * reports/jest/<report>.json, which tools/ci/sum-tests.mjs adds up.
 *
 * Usage: node tools/ci/jest-project.mjs <projectRoot> <reportName> [suite] [jest args...]
 *   suite `unit` (default): every *.test.ts except Pact ones;
 *   suite `pact-consumer`: *.pact.test.ts, which write pact files to pacts/;
 *   suite `pact-verify`: *.pact-verify.test.ts, which verify providers against them;
 *   suite `e2e`: *.e2e.test.ts, whole-landscape scenarios (many processes, minutes).
 * Nx runs the suites as separate targets so consumers always run before providers.
 *
 * PGlite loads its WebAssembly through a dynamic import, which jest only allows with
 * --experimental-vm-modules; every suite gets the flag so no project has to remember.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const SUITES = {
  unit: ['--testPathIgnorePatterns', '\\.(pact|pact-verify|e2e)\\.test\\.ts$'],
  'pact-consumer': ['--testPathPatterns', '\\.pact\\.test\\.ts$'],
  'pact-verify': ['--testPathPatterns', '\\.pact-verify\\.test\\.ts$'],
  e2e: ['--testPathPatterns', '\\.e2e\\.test\\.ts$'],
};

const [projectRoot, reportName, maybeSuite, ...rest] = process.argv.slice(2);
if (!projectRoot || !reportName) {
  console.error('usage: jest-project.mjs <projectRoot> <reportName> [unit|pact-consumer|pact-verify|e2e] [jest args...]');
  process.exit(2);
}
const suite = maybeSuite && SUITES[maybeSuite] ? maybeSuite : 'unit';
const givenArgs = maybeSuite && !SUITES[maybeSuite] ? [maybeSuite, ...rest] : rest;

/**
 * jest runs files matching ANY of several --testPathPatterns, so a caller's pattern
 * beside the suite's would widen the run (every e2e file) instead of narrowing it.
 * The caller's pattern is folded into the suite's as a lookahead: both must match.
 */
function narrowed(suiteArgs, args) {
  const at = args.findIndex((arg) => arg === '--testPathPatterns' || arg.startsWith('--testPathPatterns='));
  if (at < 0 || suiteArgs[0] !== '--testPathPatterns') return [...suiteArgs, ...args];
  const inline = args[at].includes('=');
  const wanted = inline ? args[at].slice(args[at].indexOf('=') + 1) : args[at + 1];
  const others = args.filter((_, i) => i !== at && (inline || i !== at + 1));
  return ['--testPathPatterns', `^(?=.*(?:${wanted})).*${suiteArgs[1]}`, ...others];
}
const jestArgs = narrowed(SUITES[suite], givenArgs);
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
    path.join(reportDir, `${reportName}.json`),
    `--maxWorkers=${maxWorkers}`,
    ...jestArgs,
  ],
  // New PGlite clusters start from a template (libs/persistence) unless the caller says
  // otherwise: initdb costs 2.5-4 s per database, and the suites open hundreds.
  { stdio: 'inherit', env: { STRATA_PGLITE_TEMPLATE_DIR: 'on', ...process.env } },
);
process.exit(result.status ?? 1);
