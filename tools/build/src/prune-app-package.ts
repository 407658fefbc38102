/**
 * Every app's `build`, run after its `bundle` (esbuild, which also writes Nx's
 * package.json and lock): narrows `<outputPath>/package.json` to the packages the built
 * bundle really requires at run time, and writes the lock file for exactly those, so
 * the container's `npm ci --omit=dev` installs what the app needs and nothing more.
 * Fails the build when the bundle needs a package that is not a production dependency.
 *
 * Usage: tsx tools/build/src/prune-app-package.ts <outputPath>
 *   tsx tools/build/src/prune-app-package.ts dist/apps/emulators/identity
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createProjectGraphAsync, detectPackageManager, workspaceRoot } from '@nx/devkit';
import { createLockFile, getLockFileName } from '@nx/js';
import { packagesImportedBy } from './bundle-packages';
import { narrowPackageJson, type PackageJson } from './runtime-dependencies';

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as PackageJson;

/** An installed package's package.json, read from the file (some packages do not export it). */
function manifestOf(name: string): PackageJson | undefined {
  const file = path.join(workspaceRoot, 'node_modules', name, 'package.json');
  return existsSync(file) ? readJson(file) : undefined;
}

async function main(): Promise<void> {
  const [outputPath] = process.argv.slice(2);
  if (!outputPath) throw new Error('usage: prune-app-package.ts <outputPath>');
  const dir = path.resolve(workspaceRoot, outputPath);
  const generated = readJson(path.join(dir, 'package.json'));
  const bundle = path.join(dir, generated.main ?? 'main.cjs');
  const required = await packagesImportedBy(bundle);
  const { packageJson, dropped } = narrowPackageJson({ required, generated, workspace: readJson(path.join(workspaceRoot, 'package.json')), manifestOf });
  const packageManager = detectPackageManager(workspaceRoot);
  // Nx wrote the name and version this type leaves optional; the rest is Nx's own output too.
  const lockFile = createLockFile(packageJson as Parameters<typeof createLockFile>[0], await createProjectGraphAsync({ exitOnError: true }), packageManager);
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  writeFileSync(path.join(dir, getLockFileName(packageManager)), lockFile);
  const kept = Object.keys(packageJson.dependencies ?? {});
  process.stdout.write(`${generated.name}: ${kept.length} runtime dependencies (${kept.join(', ')}); left out ${dropped.length ? dropped.join(', ') : 'nothing'}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`prune-app-package ${process.argv[2] ?? ''}: ${error.message}\n`);
  process.exit(1);
});
