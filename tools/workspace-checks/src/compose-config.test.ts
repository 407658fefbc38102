import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { findProjects, workspaceRoot } from './workspace-projects';

interface ComposeService {
  environment?: Record<string, string | number | boolean>;
  depends_on?: Record<string, unknown> | string[];
}

const compose = parse(readFileSync(path.join(workspaceRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const apps = findProjects('apps');
const serviceNameFor = (root: string) => root.replace(/^apps\//, '').replaceAll('/', '-');

/**
 * What Docker Compose would hand the container: `${VAR:-default}` becomes the default;
 * `${VAR}` and `${VAR:?message}` (values the operator must supply, like the service token
 * secret) become a stand-in of 43 characters, the length of `openssl rand -base64 32`.
 */
export function interpolate(value: string): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::?-([^}]*)|:?\?[^}]*)?\}/g, (_all, name: string, fallback: string | undefined) => fallback ?? `${name.toLowerCase()}-`.padEnd(43, 'x'));
}

/** Layer rank: a service may only wait for services of a lower rank (or infrastructure). */
const RANK: Record<string, number> = { emulators: 0, system: 1, process: 2, experience: 3 };
const rankOf = (service: string) => RANK[service.split('-')[0] ?? ''];

describe('docker-compose.yml against the apps themselves', () => {
  it('interpolates like Compose: defaults, and stand-ins for values the operator supplies', () => {
    expect(interpolate('${LOG_LEVEL:-info}')).toBe('info');
    expect(interpolate('${SERVICE_TOKEN_SECRET:?set it}')).toHaveLength(43);
    expect(interpolate('http://${HOST:-db}:5432')).toBe('http://db:5432');
  });

  it("gives every app an environment its own config schema accepts, as the app would judge it at start", () => {
    const jobs = apps.map((app) => ({
      root: path.join(workspaceRoot, app.root),
      env: Object.fromEntries(Object.entries(compose.services[serviceNameFor(app.root)]?.environment ?? {}).map(([key, value]) => [key, interpolate(String(value))])),
    }));
    expect(jobs.length).toBeGreaterThanOrEqual(10);
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'app-config.child.ts')], {
      cwd: workspaceRoot,
      input: JSON.stringify(jobs),
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', TSX_TSCONFIG_PATH: path.join(workspaceRoot, 'tsconfig.base.json') },
      timeout: 120_000,
    });
    if (child.status !== 0) throw new Error(`config check failed to run:\n${child.stderr}`);
    const results = JSON.parse(child.stdout) as { root: string; problems: string[] }[];
    const refused = results.filter((r) => r.problems.length > 0).map((r) => `${path.relative(workspaceRoot, r.root)}: ${r.problems.join('; ')}`);
    expect(refused).toEqual([]);
    expect(results).toHaveLength(jobs.length);
  }, 150_000);

  it('makes each layer wait only for the layers below it (the portal, which watches them all, excepted)', () => {
    const upward: string[] = [];
    for (const [name, service] of Object.entries(compose.services)) {
      const rank = rankOf(name);
      if (rank === undefined) continue;
      const deps = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      for (const dependency of deps) {
        const depRank = rankOf(dependency);
        if (depRank !== undefined && depRank >= rank) upward.push(`${name} -> ${dependency}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
