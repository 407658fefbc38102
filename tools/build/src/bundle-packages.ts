import { isBuiltin } from 'node:module';
import { build, type Metafile } from 'esbuild';

/**
 * The npm package an import path loads, or undefined for Node builtins and files.
 * A subpath names its package (`jsforce/lib/api/streaming` is `jsforce`,
 * `@scope/pkg/sub` is `@scope/pkg`): the container installs packages, not paths.
 */
export function packageOf(specifier: string): string | undefined {
  if (/^(\.|\/|[a-z]+:)/i.test(specifier) || isBuiltin(specifier)) return undefined;
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/**
 * The packages a bundle imports, read from what esbuild wrote (`outputs`), not from its
 * sources: an import esbuild dropped (types only, unused) costs the container nothing.
 */
export function packagesInMetafile(metafile: Metafile): string[] {
  const packages = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const imported of output.imports) {
      const name = imported.external ? packageOf(imported.path) : undefined;
      if (name) packages.add(name);
    }
  }
  return [...packages].sort();
}

/**
 * Bundles `entry` in memory with every package left outside, as the apps' `bundle`
 * target does (`thirdParty: false`), and returns the packages the result imports.
 * Given an app's `src/main.ts` (and its tsconfig, for the `@strata/*` paths) it answers
 * before any build; given the built `main.cjs` it reads the bundle's own `require`s.
 */
export async function packagesImportedBy(entry: string, options: { tsconfig?: string } = {}): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    packages: 'external',
    write: false,
    metafile: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'silent',
    ...(options.tsconfig ? { tsconfig: options.tsconfig } : {}),
  });
  return packagesInMetafile(result.metafile);
}
