import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findLandscapeApps } from './landscape-apps';

const workspaceRoot = path.resolve(__dirname, '../../..');

describe('findLandscapeApps', () => {
  it('finds the apps of this workspace with their layer and own port, consumers first', () => {
    const apps = findLandscapeApps(workspaceRoot);
    expect(apps).toEqual(
      expect.arrayContaining([
        { name: 'emulators-identity', root: 'apps/emulators/identity', layer: 'emulator', port: 8385, url: 'http://127.0.0.1:8385' },
        { name: 'experience-mobile', root: 'apps/experience/mobile', layer: 'experience', port: 8081, url: 'http://127.0.0.1:8081' },
        { name: 'process-customer-sync', root: 'apps/process/customer-sync', layer: 'process', port: 8181, url: 'http://127.0.0.1:8181' },
      ]),
    );
    const layers = apps.map((app) => app.layer);
    expect(layers.indexOf('experience')).toBeLessThan(layers.indexOf('process'));
    expect(layers.lastIndexOf('system')).toBeLessThan(layers.indexOf('emulator'));
    expect(new Set(apps.map((app) => app.port)).size).toBe(apps.length);
  });

  describe('in a workspace of its own', () => {
    let root: string;
    const app = (dir: string, project: object, config?: string) => {
      mkdirSync(path.join(root, dir, 'src'), { recursive: true });
      writeFileSync(path.join(root, dir, 'project.json'), JSON.stringify(project));
      if (config) writeFileSync(path.join(root, dir, 'src/config.ts'), config);
    };
    beforeEach(() => {
      root = mkdtempSync(path.join(os.tmpdir(), 'landscape-apps-'));
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('leaves out projects without a serve target', () => {
      app('apps/system/a', { name: 'system-a', tags: ['layer:system'], targets: { serve: {} } }, 'PORT: portSetting(8290),');
      app('apps/system/b', { name: 'system-b', tags: ['layer:system'], targets: { build: {} } }, 'PORT: portSetting(8291),');
      expect(findLandscapeApps(root).map((a) => a.name)).toEqual(['system-a']);
    });

    it('refuses an app whose port it cannot tell, naming it', () => {
      app('apps/system/c', { name: 'system-c', tags: ['layer:system'], targets: { serve: {} } }, 'PORT: z.number(),');
      expect(() => findLandscapeApps(root)).toThrow(/system-c: no portSetting/);
    });
  });
});
