import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageOf, packagesImportedBy } from './bundle-packages';

describe('packageOf', () => {
  it.each([
    ['express', 'express'],
    ['jsforce/lib/api/streaming', 'jsforce'],
    ['@electric-sql/pglite', '@electric-sql/pglite'],
    ['@scope/pkg/sub/path', '@scope/pkg'],
  ])('%s is loaded from package %s', (specifier, name) => {
    expect(packageOf(specifier)).toBe(name);
  });

  it.each(['node:fs', 'fs', 'fs/promises', 'node:fs/promises', './local', '../up', '/abs/file.js'])('%s is no package', (specifier) => {
    expect(packageOf(specifier)).toBeUndefined();
  });
});

describe('packagesImportedBy', () => {
  let dir: string;
  const write = (file: string, content: string) => writeFileSync(path.join(dir, file), content);

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'bundle-packages-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the packages of the bundle, through local files and tsconfig paths, but not builtins or type-only imports', async () => {
    write('tsconfig.json', JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@app/shared': ['shared.ts'] } } }));
    write('shared.ts', `import winston from 'winston';\nexport const log = winston.createLogger();\n`);
    write('local.ts', `import { z } from 'zod';\nexport const schema = z.string();\n`);
    write(
      'main.ts',
      [
        `import { readFileSync } from 'node:fs';`,
        `import { join } from 'path';`,
        `import type { Request } from 'express';`,
        `import { Streaming } from 'jsforce/lib/api/streaming';`,
        `import { PGlite } from '@electric-sql/pglite/worker';`,
        `import 'side-effect-only';`,
        `import { schema } from './local';`,
        `import { log } from '@app/shared';`,
        `export const run = (req: Request) => [readFileSync, join, Streaming, PGlite, schema, log, req, import('lazy-package')];`,
      ].join('\n'),
    );
    const packages = await packagesImportedBy(path.join(dir, 'main.ts'), { tsconfig: path.join(dir, 'tsconfig.json') });
    expect(packages).toEqual(['@electric-sql/pglite', 'jsforce', 'lazy-package', 'side-effect-only', 'winston', 'zod']);
  });

  it('reads a built CommonJS bundle by its requires', async () => {
    write('main.cjs', `"use strict";\nconst express = require("express");\nconst fs = require("node:fs");\nconst sub = require("@scope/pkg/sub");\nmodule.exports = { express, fs, sub };\n`);
    expect(await packagesImportedBy(path.join(dir, 'main.cjs'))).toEqual(['@scope/pkg', 'express']);
  });
});
