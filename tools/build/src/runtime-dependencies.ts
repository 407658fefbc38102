/** The parts of a package.json this module reads or writes. */
export interface PackageJson {
  name?: string;
  version?: string;
  main?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [field: string]: unknown;
}

export interface NarrowInput {
  /** Packages the built bundle imports at run time. */
  required: string[];
  /** What Nx generated for the app: too many packages, but the versions to install. */
  generated: PackageJson;
  /** The workspace's package.json: only its `dependencies` reach a container. */
  workspace: PackageJson;
  /** An installed package's own package.json, for the peers it needs; undefined if not installed. */
  manifestOf: (name: string) => PackageJson | undefined;
}

export interface Narrowed {
  packageJson: PackageJson;
  /** What Nx listed that the bundle never loads. */
  dropped: string[];
}

/** The bundle needs packages `npm ci --omit=dev` would not install; `problems` names each. */
export class RuntimeDependencyError extends Error {
  constructor(readonly problems: string[]) {
    super(`the bundle needs packages its container would not install:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RuntimeDependencyError';
  }
}

/**
 * The packages to install: those required, and the peers they need, recursively (a
 * peer is loaded by the package itself, so the bundle never names it: rate-limit-redis
 * needs express-rate-limit). Optional peers stay out. Maps each to who needs it.
 */
export function withPeers(required: string[], manifestOf: NarrowInput['manifestOf']): Map<string, string | undefined> {
  const needed = new Map<string, string | undefined>(required.map((name) => [name, undefined]));
  const queue = [...required];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    const manifest = manifestOf(name);
    for (const peer of Object.keys(manifest?.peerDependencies ?? {})) {
      if (needed.has(peer) || manifest?.peerDependenciesMeta?.[peer]?.optional) continue;
      needed.set(peer, name);
      queue.push(peer);
    }
  }
  return needed;
}

/** Why `name` would be missing from the container, or undefined when it is a production dependency. */
function problemWith(name: string, neededBy: string | undefined, workspace: PackageJson): string | undefined {
  if (workspace.dependencies?.[name]) return undefined;
  const what = neededBy ? `${name} (a peer dependency of ${neededBy})` : name;
  return workspace.devDependencies?.[name]
    ? `${what} is a devDependency of the root package.json; move it to "dependencies"`
    : `${what} is not in the root package.json; add it to "dependencies"`;
}

/**
 * Rewrites the package.json Nx generated so its `dependencies` are exactly what the
 * bundle loads at run time, at the versions Nx wrote. Nx lists every package imported
 * anywhere in the app's libraries, tests and test helpers included; the bundle is the
 * truth. Throws, naming every problem at once, when a needed package is not a
 * production dependency of the workspace: the container would start without it.
 */
export function narrowPackageJson(input: NarrowInput): Narrowed {
  const needed = withPeers(input.required, input.manifestOf);
  const problems = [...needed].map(([name, neededBy]) => problemWith(name, neededBy, input.workspace)).filter((p): p is string => p !== undefined);
  if (problems.length > 0) throw new RuntimeDependencyError(problems);
  const { generated } = input;
  const versionOf = (name: string) => generated.dependencies?.[name] ?? generated.peerDependencies?.[name] ?? (input.workspace.dependencies?.[name] as string);
  const dependencies = Object.fromEntries([...needed.keys()].sort().map((name) => [name, versionOf(name)]));
  const { peerDependencies: _peers, peerDependenciesMeta: _meta, ...rest } = generated;
  const dropped = Object.keys({ ...generated.dependencies, ...generated.peerDependencies }).filter((name) => !needed.has(name)).sort();
  return { packageJson: { ...rest, dependencies }, dropped };
}
