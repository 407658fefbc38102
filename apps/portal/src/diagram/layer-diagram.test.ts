import { renderLayerDiagram } from './layer-diagram';
import type { WatchedApp } from '../landscape/watched-app.schema';

const app = (name: string, layer: WatchedApp['layer'], calls: string[] = []): WatchedApp => ({ name, layer, url: 'http://127.0.0.1:1', calls, syncStatus: false });

describe('renderLayerDiagram', () => {
  const apps = [
    app('experience-web', 'experience', ['process-sync']),
    app('process-sync', 'process', ['system-crm', 'system-erp']),
    app('system-crm', 'system', ['emulators-crm']),
    app('system-erp', 'system'),
    app('emulators-crm', 'emulator'),
  ];
  const svg = renderLayerDiagram(apps);

  it('draws one box per configured app with a status line the page can update', () => {
    for (const { name } of apps) expect(svg).toContain(`<g class="node" data-app="${name}" data-status="unknown"`);
    expect(svg.match(/class="node-status"/g)).toHaveLength(apps.length);
  });

  it('draws one arrow per configured call, from caller to callee', () => {
    const edges = [...svg.matchAll(/data-from="([^"]+)" data-to="([^"]+)"/g)].map(([, from, to]) => `${from}->${to}`);
    expect(edges).toEqual(['experience-web->process-sync', 'process-sync->system-crm', 'process-sync->system-erp', 'system-crm->emulators-crm']);
  });

  it('puts each layer on its own row, top to bottom', () => {
    const y = (name: string) => Number(new RegExp(`data-app="${name}"[^>]*translate\\([\\d.]+,([\\d.]+)\\)`).exec(svg)?.[1]);
    expect(y('experience-web')).toBeLessThan(y('process-sync'));
    expect(y('process-sync')).toBeLessThan(y('system-crm'));
    expect(y('system-crm')).toBe(y('system-erp'));
    expect(y('system-erp')).toBeLessThan(y('emulators-crm'));
  });

  it('runs a call that skips a layer down the right-hand side, clear of the boxes between', () => {
    const skipping = renderLayerDiagram([app('experience-web', 'experience', ['emulators-idp']), app('system-crm', 'system'), app('emulators-idp', 'emulator')]);
    const d = /data-from="experience-web" data-to="emulators-idp" d="([^"]+)"/.exec(skipping)?.[1] ?? '';
    const xs = [...d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map(([, x]) => Number(x));
    const boxRight = Math.max(...[...skipping.matchAll(/translate\(([\d.]+),/g)].map(([, x]) => Number(x) + 200));
    expect(Math.max(...xs)).toBeGreaterThan(boxRight);
    expect(d).toContain(' L');
  });

  it('says in words what it shows, for screen readers', () => {
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<desc id="diagram-desc">experience-web calls process-sync; process-sync calls system-crm; process-sync calls system-erp; system-crm calls emulators-crm</desc>');
  });

  it('escapes what it writes into the markup', () => {
    expect(renderLayerDiagram([app('a<b>&"c', 'system')])).toContain('data-app="a&#60;b&#62;&#38;&#34;c"');
  });
});
