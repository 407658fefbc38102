import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { productProjects, workspaceRoot } from './workspace-projects';

const LAYERS = ['layer:system', 'layer:process', 'layer:experience', 'layer:shared', 'layer:emulator', 'layer:portal'];

describe('workspace conventions', () => {
  const projects = productProjects();

  it('finds the shared libraries', () => {
    expect(projects.map((p) => p.name)).toEqual(
      expect.arrayContaining(['errors', 'logging', 'contract-kit', 'service-kit', 'http-client', 'persistence', 'testing']),
    );
  });

  it.each(productProjects().map((p) => [p.name, p] as const))('%s has build, test, lint and typecheck targets (apps also serve)', (_name, project) => {
    const targets = Object.keys(project.targets ?? {});
    expect(targets).toEqual(expect.arrayContaining(['build', 'test', 'lint', 'typecheck']));
    if (project.projectType === 'application') expect(targets).toContain('serve');
  });

  it.each(productProjects().map((p) => [p.name, p] as const))('%s is tagged with its layer or contract kind', (_name, project) => {
    const tags = project.tags ?? [];
    const isContract = tags.includes('type:contract');
    if (isContract) expect(tags.some((t) => /^contracts:(system|process|experience)$/.test(t))).toBe(true);
    else expect(tags.filter((t) => LAYERS.includes(t))).toHaveLength(1);
  });

  it('maps every @strata alias to a file that exists', () => {
    const base = JSON.parse(readFileSync(path.join(workspaceRoot, 'tsconfig.base.json'), 'utf8'));
    const entries = Object.entries(base.compilerOptions.paths as Record<string, string[]>);
    expect(entries.length).toBeGreaterThan(0);
    for (const [alias, [target]] of entries) {
      expect(alias).toMatch(/^@strata\//);
      expect(existsSync(path.join(workspaceRoot, target as string))).toBe(true);
    }
  });

  it('keeps TypeScript strict', () => {
    const base = JSON.parse(readFileSync(path.join(workspaceRoot, 'tsconfig.base.json'), 'utf8'));
    expect(base.compilerOptions.strict).toBe(true);
  });

  it('pins nx and every @nx package to one version', () => {
    const pkg = JSON.parse(readFileSync(path.join(workspaceRoot, 'package.json'), 'utf8'));
    const all = { ...pkg.dependencies, ...pkg.devDependencies } as Record<string, string>;
    const versions = new Set(Object.entries(all).filter(([name]) => name === 'nx' || name.startsWith('@nx/')).map(([, v]) => v));
    expect([...versions]).toEqual([all['nx']]);
    expect(all['nx']).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
