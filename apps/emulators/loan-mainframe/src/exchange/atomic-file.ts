import { open, rename } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file the way a careful transfer job does: to `<name>.tmp`, flushed to disk,
 * then renamed to its final name, so a reader that only looks at final names never sees
 * a half-written file. `pauseMs` splits the write in two halves that far apart, so tests
 * can watch the temporary file exist.
 */
export async function writeAtomically(dir: string, name: string, content: string, options: { pauseMs?: number } = {}): Promise<void> {
  const temporary = path.join(dir, `${name}.tmp`);
  const file = await open(temporary, 'w');
  try {
    const half = options.pauseMs ? Math.floor(content.length / 2) : content.length;
    await file.write(content.slice(0, half));
    if (options.pauseMs) {
      await file.sync();
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
      await file.write(content.slice(half));
    }
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path.join(dir, name));
}

/** Writes straight to the final name, as a broken transfer does: for the truncated-file fault only. */
export async function writeInPlace(dir: string, name: string, content: string): Promise<void> {
  const file = await open(path.join(dir, name), 'w');
  try {
    await file.write(content);
    await file.sync();
  } finally {
    await file.close();
  }
}
