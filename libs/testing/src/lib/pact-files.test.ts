import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pactDir, pactFilePath, pactFilesFor } from './pact';
import { findWorkspaceRoot } from './workspace-root';

describe('pact file discovery', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pacts-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const writePact = (name: string, provider: string) =>
    writeFileSync(path.join(dir, name), JSON.stringify({ consumer: { name: 'c' }, provider: { name: provider } }));

  it('lists only the pacts of the given provider, sorted, ignoring other files', () => {
    writePact('web-orders.json', 'orders');
    writePact('mobile-orders.json', 'orders');
    writePact('mobile-customers.json', 'customers');
    writeFileSync(path.join(dir, 'broken.json'), '{ not json');
    writeFileSync(path.join(dir, 'notes.txt'), 'orders');

    expect(pactFilesFor('orders', dir)).toEqual([path.join(dir, 'mobile-orders.json'), path.join(dir, 'web-orders.json')]);
    expect(pactFilesFor('payments', dir)).toEqual([]);
  });

  it('returns nothing when the pact folder does not exist yet', () => {
    expect(pactFilesFor('orders', path.join(dir, 'missing'))).toEqual([]);
  });

  it('keeps pacts in <workspaceRoot>/pacts, named <consumer>-<provider>.json', () => {
    const root = findWorkspaceRoot();

    expect(pactDir()).toBe(path.join(root, 'pacts'));
    expect(pactFilePath('web', 'orders')).toBe(path.join(root, 'pacts', 'web-orders.json'));
  });
});

describe('findWorkspaceRoot', () => {
  it('finds the folder holding nx.json from deep inside the workspace', () => {
    const root = findWorkspaceRoot(__dirname);

    expect(findWorkspaceRoot(path.join(root, 'libs', 'testing', 'src'))).toBe(root);
    expect(path.relative(root, __dirname)).toBe(path.join('libs', 'testing', 'src', 'lib'));
  });

  it('fails clearly outside any workspace', () => {
    expect(() => findWorkspaceRoot(tmpdir())).toThrow(/no nx\.json/);
  });
});
