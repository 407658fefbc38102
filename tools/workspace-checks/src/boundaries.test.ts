/**
 * Proves the layer rules are enforced by lint, not by goodwill: imports written as if
 * inside each fixture project are linted with the workspace's real ESLint config.
 */
import path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(project: string, importPath: string): Promise<string[]> {
  const filePath = path.join(root, 'tools/boundary-fixtures', project, 'src/probe.ts');
  const code = `import { fixture } from '${importPath}';\nexport const probe = fixture;\n`;
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

const forbidden: [string, string, string][] = [
  ['experience-app', '@strata/fixtures/crm-contract', 'an experience app reaching past the process layer to a system contract'],
  ['process-app', '@strata/fixtures/mobile-contract', 'a process app depending on an experience contract'],
  ['system-app', '@strata/fixtures/sync-contract', 'a system app depending on a process contract'],
  ['system-app', '@strata/fixtures/erp-contract', 'a system app depending on another system API contract'],
  ['emulator-app', '@strata/fixtures/crm-contract', 'an emulator depending on API code'],
  ['crm-contract', '@strata/fixtures/erp-contract', 'a contract depending on another contract'],
  ['experience-app', '../../process-app/src/index', 'an app importing another app by path'],
  ['portal-app', '@strata/fixtures/crm-contract', 'the portal depending on a system contract'],
  ['portal-app', '@strata/fixtures/mobile-contract', 'the portal depending on an experience contract'],
];

const allowed: [string, string, string][] = [
  ['experience-app', '@strata/fixtures/sync-contract', 'an experience app using a process contract'],
  ['experience-app', '@strata/fixtures/mobile-contract', 'an experience app using its own contract'],
  ['process-app', '@strata/fixtures/crm-contract', 'a process app using a system contract'],
  ['process-app', '@strata/fixtures/sync-contract', 'a process app using its own contract'],
  ['system-app', '@strata/fixtures/crm-contract', 'a system app using its own contract'],
  ['system-app', '@strata/service-kit', 'a system app using a shared lib'],
  ['emulator-app', '@strata/service-kit', 'an emulator using a shared lib'],
  ['portal-app', '@strata/fixtures/sync-contract', 'the portal reading a process contract'],
  ['portal-app', '@strata/service-kit', 'the portal using a shared lib'],
];

describe('layer boundaries enforced by lint', () => {
  it.each(forbidden)('reports %s importing %s (%s)', async (project, importPath) => {
    const errors = await boundaryErrors(project, importPath);
    expect(errors.length).toBeGreaterThan(0);
  });

  it.each(allowed)('accepts %s importing %s (%s)', async (project, importPath) => {
    expect(await boundaryErrors(project, importPath)).toEqual([]);
  });

  it('reports shared libs depending on a contract', async () => {
    const filePath = path.join(root, 'libs/logging/src/probe.ts');
    const [result] = await eslint.lintText(`import { fixture } from '@strata/fixtures/crm-contract';\nexport const x = fixture;\n`, { filePath });
    expect(result?.messages.some((m) => m.ruleId === '@nx/enforce-module-boundaries')).toBe(true);
  });
});
