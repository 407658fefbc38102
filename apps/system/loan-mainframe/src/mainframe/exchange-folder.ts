import { open, readdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { sequenceOf } from '@strata/copybook';

/**
 * One exchange folder as the API sees it: only final file names matching a pattern
 * (never `*.tmp`, which the other side is still writing), in sequence order.
 */
export class ExchangeFolder {
  constructor(readonly dir: string) {}

  /** Final names matching `pattern`, lowest sequence first. */
  async list(pattern: RegExp): Promise<string[]> {
    const names = await readdir(this.dir);
    return names.filter((name) => pattern.test(name)).sort((a, b) => sequenceOf(a) - sequenceOf(b));
  }

  read(name: string): Promise<string> {
    return readFile(path.join(this.dir, name), 'utf8');
  }

  /** Writes `<name>.tmp`, flushes it, then renames it: the other side never sees half a file. */
  async writeAtomically(name: string, content: string): Promise<void> {
    const temporary = path.join(this.dir, `${name}.tmp`);
    const file = await open(temporary, 'w');
    try {
      await file.write(content);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path.join(this.dir, name));
  }
}
