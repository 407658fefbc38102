import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { findProjects, workspaceRoot } from './workspace-projects';

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string } | string;
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: unknown;
}

// merge: the file shares settings through `<<: *anchor`, as Docker Compose resolves them.
const compose = parse(readFileSync(path.join(workspaceRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const services = Object.entries(compose.services);

/** Compose service name for an app project at apps/<layer>/<name>: `<layer>-<name>`. */
const serviceNameFor = (root: string) => root.replace(/^apps\//, '').replaceAll('/', '-');

/** Container-side ports a service listens on, from its ports mapping and PORT env. */
function listeningPorts(service: ComposeService): number[] {
  const fromPorts = (service.ports ?? []).map((p) => Number(String(p).split(':').pop()));
  const fromEnv = service.environment?.['PORT'] ? [Number(service.environment['PORT'])] : [];
  return [...fromPorts, ...fromEnv];
}

describe('docker-compose.yml (checked here because this machine has no Docker engine)', () => {
  it('parses and declares PostgreSQL and Redis with healthchecks', () => {
    expect(compose.services['postgres']?.healthcheck).toBeDefined();
    expect(compose.services['redis']?.healthcheck).toBeDefined();
  });

  it('has a service for every app', () => {
    const missing = findProjects('apps').map((p) => serviceNameFor(p.root)).filter((name) => !compose.services[name]);
    expect(missing).toEqual([]);
  });

  it('builds every app service from a context and Dockerfile that exist', () => {
    const missing: string[] = [];
    for (const [name, service] of services.filter(([, s]) => s.build)) {
      const build = typeof service.build === 'string' ? { context: service.build } : service.build!;
      const dockerfile = path.join(workspaceRoot, build.context, build.dockerfile ?? 'Dockerfile');
      if (!existsSync(dockerfile)) missing.push(`${name}: ${dockerfile}`);
    }
    expect(missing).toEqual([]);
  });

  it('publishes each host port once', () => {
    const hostPorts = services.flatMap(([, s]) => (s.ports ?? []).map((p) => String(p).split(':')[0]));
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });

  it('only depends on services that exist, waiting for them to be healthy (the portal: started)', () => {
    for (const [name, service] of services) {
      const deps = service.depends_on ?? {};
      const entries = Array.isArray(deps) ? deps.map((d) => [d, { condition: 'service_started' }] as const) : Object.entries(deps);
      for (const [dependency, { condition }] of entries) {
        expect(compose.services[dependency]).toBeDefined();
        // The portal watches apps go down and come back: it waits for them to start only.
        expect(condition).toBe(name === 'portal' ? 'service_started' : 'service_healthy');
      }
    }
  });

  it('points every URL in an environment at a service and port that exist', () => {
    for (const [, service] of services) {
      for (const value of Object.values(service.environment ?? {})) {
        const match = /^[a-z]+:\/\/(?:[^@/]+@)?([a-z0-9-]+):(\d+)/.exec(String(value));
        if (!match) continue;
        const [, host, port] = match;
        const target = compose.services[host as string];
        expect(target).toBeDefined();
        const defaults: Record<string, number> = { postgres: 5432, redis: 6379 };
        expect([...listeningPorts(target!), defaults[host as string]]).toContain(Number(port));
      }
    }
  });

  it('gives every app that calls or answers other Strata services the service token secret, with no default', () => {
    const callers = services.filter(([name]) => /^(system|process|experience)-|^portal$/.test(name));
    expect(callers.map(([name]) => name)).toEqual(expect.arrayContaining(['process-customer-sync', 'system-salesforce']));
    for (const [name, service] of callers) {
      expect({ name, secret: service.environment?.['SERVICE_TOKEN_SECRET'] }).toEqual({ name, secret: expect.stringMatching(/^\$\{SERVICE_TOKEN_SECRET:\?/) });
    }
  });
});
