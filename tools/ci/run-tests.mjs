#!/usr/bin/env node
/**
 * The README's test command (`npm test`): every project's unit suite, Pact consumer
 * suite, Pact provider verification and whole-landscape e2e suite through Nx (which runs consumers before the
 * providers that verify their pacts), then one `N passed, N failed` line summed over
 * all of them.
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
const run = nx(['run-many', '-t', ...Object.keys(TARGETS), '--parallel=2', '--outputStyle=stream', ...extra], { stdio: 'inherit' });
const sum = spawnSync(process.execPath, ['tools/ci/sum-tests.mjs'], {
  stdio: 'inherit',
  env: { ...process.env, EXPECTED_TEST_REPORTS: extra.length ? '' : expected.join(',') },
});
process.exit(run.status !== 0 ? run.status || 1 : (sum.status ?? 1));
