import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The workspace root, found from this file so tests run from any cwd. */
export const workspaceRoot = path.resolve(__dirname, '../../..');

export interface ProjectFile {
  root: string;
  name: string;
  projectType?: 'application' | 'library';
  tags?: string[];
  targets?: Record<string, unknown>;
}

/** Every project.json below `dir` (relative to the root), skipping node_modules. */
export function findProjects(dir: string): ProjectFile[] {
  const absolute = path.join(workspaceRoot, dir);
  if (!existsSync(absolute)) return [];
  const found: ProjectFile[] = [];
  const file = path.join(absolute, 'project.json');
  if (existsSync(file)) found.push({ root: dir, ...JSON.parse(readFileSync(file, 'utf8')) });
  for (const entry of readdirSync(absolute, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== 'node_modules') found.push(...findProjects(path.join(dir, entry.name)));
  }
  return found;
}

/** The apps and libs that make up the product (fixtures excluded). */
export function productProjects(): ProjectFile[] {
  return [...findProjects('apps'), ...findProjects('libs')];
}
