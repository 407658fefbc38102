#!/usr/bin/env node
/**
 * The README's test command (`npm test`): every project's unit suite, Pact consumer
 * suite, Pact provider verification and whole-landscape e2e suite through Nx (which runs consumers before the
 * providers that verify their pacts; the e2e suites after all the others, one at a time),
 * then one `N passed, N failed` line summed over all of them.
 *
 * A suite whose jest process dies without writing a report still counts as a failure:
 * the list of expected reports is read from Nx before the run.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const TARGETS = { test: '', 'pact-consumer': '--pact-consumer', 'pact-verify': '--pact-verify', e2e: '--e2e' };
const env = { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' };
const nx = (args, opts = {}) => spawnSync('npx', ['nx', ...args], { encoding: 'utf8', env, ...opts });

rmSync('reports/jest', { recursive: true, force: true });
const expected = [];
for (const [target, suffix] of Object.entries(TARGETS)) {
  const listed = nx(['show', 'projects', '--with-target', target, '--json']);
  if (listed.status !== 0) {
    console.error(`could not list projects with target ${target}:\n${listed.stderr}`);
    process.exit(1);
  }
  expected.push(...JSON.parse(listed.stdout).map((name) => `${name}${suffix}`));
}
const extra = process.argv.slice(2);
// Two phases: unit and contract suites two at a time, then the whole-landscape e2e
// suites on their own. An e2e suite runs a dozen processes and a 2,000-person sync; run
// beside unit suites on two cores it starved (deliveries timed out into dead letters),
// which made it fail for the machine's sake, not the product's.
const PHASES = [
  { targets: ['test', 'pact-consumer', 'pact-verify'], parallel: 2 },
  { targets: ['e2e'], parallel: 1 },
];
let failedStatus = 0;
for (const phase of PHASES) {
  const run = nx(['run-many', '-t', ...phase.targets, `--parallel=${phase.parallel}`, '--outputStyle=stream', ...extra], { stdio: 'inherit' });
  if (run.status !== 0) failedStatus = run.status || 1;
}
const sum = spawnSync(process.execPath, ['tools/ci/sum-tests.mjs'], {
  stdio: 'inherit',
  env: { ...process.env, EXPECTED_TEST_REPORTS: extra.length ? '' : expected.join(',') },
});
process.exit(failedStatus !== 0 ? failedStatus : (sum.status ?? 1));
