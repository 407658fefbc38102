#!/usr/bin/env node
/**
 * The README's test command (`npm test`): every project's test target through Nx,
 * then one `N passed, N failed` line summed over all of them.
 *
 * A project whose jest process dies without writing a report is still counted: the
 * list of projects with a test target is read from Nx before the run.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const nx = (args, opts = {}) =>
  spawnSync('npx', ['nx', ...args], { encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' }, ...opts });

rmSync('reports/jest', { recursive: true, force: true });
const listed = nx(['show', 'projects', '--with-target', 'test', '--json']);
const projects = listed.status === 0 ? JSON.parse(listed.stdout) : [];
const extra = process.argv.slice(2);
const run = nx(['run-many', '-t', 'test', '--parallel=2', '--outputStyle=stream', ...extra], { stdio: 'inherit' });
const sum = spawnSync(process.execPath, ['tools/ci/sum-tests.mjs'], {
  stdio: 'inherit',
  env: { ...process.env, EXPECTED_TEST_REPORTS: extra.length ? '' : projects.join(',') },
});
process.exit(run.status !== 0 ? run.status || 1 : (sum.status ?? 1));
