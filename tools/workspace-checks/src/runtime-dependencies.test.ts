/**
 * A container installs only the root package.json's `dependencies` (`npm ci
 * --omit=dev` of the package.json the build narrows): a package an app loads at run
 * time that is only a devDependency, or not declared at all, works in every test and
 * is missing in production. Checked from the sources, so no build is needed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packagesImportedBy } from '@strata/build-tools';
import { findProjects, workspaceRoot } from './workspace-projects';

const workspace = JSON.parse(readFileSync(path.join(workspaceRoot, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
const projects = findProjects('apps');
const apps = projects.map((app) => [app.name, app.root] as const);

interface Target {
  executor?: string;
  dependsOn?: string[];
  options?: Record<string, unknown>;
}

describe('runtime dependencies of every app', () => {
  it('finds the apps', () => {
    expect(apps.map(([name]) => name)).toEqual(expect.arrayContaining(['emulators-identity', 'system-salesforce', 'process-customer-sync', 'portal']));
  });

  it.each(apps)('%s imports only packages the root package.json lists as dependencies', async (_name, root) => {
    const tsconfig = path.join(workspaceRoot, root, 'tsconfig.app.json');
    const packages = await packagesImportedBy(path.join(workspaceRoot, root, 'src/main.ts'), existsSync(tsconfig) ? { tsconfig } : {});
    expect(packages).toContain('express');
    expect(packages.filter((name) => !workspace.dependencies?.[name])).toEqual([]);
  });

  it.each(projects.map((app) => [app.name, app.targets as Record<string, Target>] as const))(
    '%s builds by bundling, then narrowing the package.json the bundle wrote to what it requires',
    (_name, targets) => {
      const { bundle, build } = targets;
      expect(bundle?.executor).toBe('@nx/esbuild:esbuild');
      expect(bundle?.options).toMatchObject({ bundle: true, thirdParty: false, generatePackageJson: true });
      expect(build?.dependsOn).toEqual(['bundle']);
      expect(build?.options?.['command']).toBe(`tsx --tsconfig tools/build/tsconfig.json tools/build/src/prune-app-package.ts ${bundle?.options?.['outputPath']}`);
    },
  );
});
