import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One app `npm start` runs: its Nx project, its layer, and where it listens. */
export interface LandscapeApp {
  name: string;
  /** The project folder from the workspace root (`apps/emulators/identity`). */
  root: string;
  layer: string;
  port: number;
  url: string;
}

/** Consumers first, backends last: the order of the table and of the layers in the README. */
const LAYER_ORDER = ['portal', 'experience', 'process', 'system', 'emulator'];

interface ProjectJson {
  name: string;
  tags?: string[];
  targets?: Record<string, unknown>;
}

function projectsUnder(dir: string): { root: string; project: ProjectJson }[] {
  if (!existsSync(dir)) return [];
  const file = path.join(dir, 'project.json');
  const here = existsSync(file) ? [{ root: dir, project: JSON.parse(readFileSync(file, 'utf8')) as ProjectJson }] : [];
  const below = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'src')
    .flatMap((entry) => projectsUnder(path.join(dir, entry.name)));
  return [...here, ...below];
}

/**
 * The app's own default port, read from `portSetting(<port>)` in its config schema: the
 * one place each app declares it, which compose, scripts and tests also follow.
 */
function portOf(root: string, name: string): number {
  const config = path.join(root, 'src/config.ts');
  const match = existsSync(config) ? /portSetting\((\d+)\)/.exec(readFileSync(config, 'utf8')) : null;
  if (!match) throw new Error(`${name}: no portSetting(<port>) in ${config}, so npm start cannot tell where it listens`);
  return Number(match[1]);
}

/** Every app under `<workspaceRoot>/apps` with a `serve` target, consumers first. */
export function findLandscapeApps(workspaceRoot: string): LandscapeApp[] {
  const apps = projectsUnder(path.join(workspaceRoot, 'apps'))
    .filter(({ project }) => project.targets?.['serve'] !== undefined)
    .map(({ root, project }) => {
      const layer = project.tags?.find((tag) => tag.startsWith('layer:'))?.slice('layer:'.length) ?? 'other';
      const port = portOf(root, project.name);
      return { name: project.name, root: path.relative(workspaceRoot, root), layer, port, url: `http://127.0.0.1:${port}` };
    });
  const rank = (layer: string) => (LAYER_ORDER.includes(layer) ? LAYER_ORDER.indexOf(layer) : LAYER_ORDER.length);
  return apps.sort((a, b) => rank(a.layer) - rank(b.layer) || a.port - b.port);
}
