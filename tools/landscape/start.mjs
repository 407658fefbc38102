#!/usr/bin/env node
/**
 * `npm start`: runs every app that has a `serve` target, each as its own process on
 * its own port, through Nx's runner (which prefixes each line with the app's name and
 * stops them all on Ctrl-C). Until apps land, it says so instead of failing.
 */
import { spawnSync, spawn } from 'node:child_process';

const env = { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' };
const listed = spawnSync('npx', ['nx', 'show', 'projects', '--type', 'app', '--with-target', 'serve', '--json'], { encoding: 'utf8', env });
const apps = listed.status === 0 ? JSON.parse(listed.stdout).filter((name) => !name.startsWith('fixture-')) : [];
if (apps.length === 0) {
  console.log('No apps with a serve target yet: the shared libraries are in place, the APIs land next (see docs/roadmap.md).');
  process.exit(0);
}
console.log(`Starting ${apps.length} apps: ${apps.join(', ')}`);
const child = spawn('npx', ['nx', 'run-many', '-t', 'serve', '-p', apps.join(','), `--parallel=${apps.length}`, '--outputStyle=stream'], {
  stdio: 'inherit',
  env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
