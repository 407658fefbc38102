import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The Nx workspace root: the nearest folder at or above `from` holding `nx.json`.
 * Walking up from this file (not `process.cwd()`) gives the same answer whether jest
 * runs from the root, from a project folder, or from a built copy under `dist/`.
 */
export function findWorkspaceRoot(from: string = __dirname): string {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no nx.json found at or above ${from}`);
    dir = parent;
  }
}
