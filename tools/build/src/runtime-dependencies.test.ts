import { narrowPackageJson, RuntimeDependencyError, type NarrowInput, type PackageJson } from './runtime-dependencies';

/** A workspace like ours: exact pins, tooling in devDependencies. */
const workspace: PackageJson = {
  dependencies: { express: '5.3.0', 'express-rate-limit': '8.7.4', jsforce: '3.10.14', pg: '8.23.1', 'rate-limit-redis': '6.0.1', winston: '3.19.0', zod: '4.6.7' },
  devDependencies: { tsx: '4.23.15', supertest: '7.3.2' },
};

/** What Nx wrote for an app: everything any of its libraries imports anywhere. */
const generated: PackageJson = {
  name: 'emulators-identity',
  version: '0.0.1',
  dependencies: { express: '5.3.0', 'express-rate-limit': '8.7.4', jsforce: '3.10.14', pg: '8.23.1', 'rate-limit-redis': '6.0.1', winston: '3.19.0', zod: '4.6.7' },
  main: './main.cjs',
  type: 'commonjs',
};

const manifests: Record<string, PackageJson> = {
  'rate-limit-redis': { peerDependencies: { 'express-rate-limit': '>= 8.6.0' } },
  'express-rate-limit': { peerDependencies: { express: '>= 4.11' } },
  pg: { peerDependencies: { 'pg-native': '>=3.0.1' }, peerDependenciesMeta: { 'pg-native': { optional: true } } },
};

const narrow = (required: string[], overrides: Partial<NarrowInput> = {}) =>
  narrowPackageJson({ required, generated, workspace, manifestOf: (name) => manifests[name], ...overrides });

const problemsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof RuntimeDependencyError) return error.problems;
    throw error;
  }
  throw new Error('expected a RuntimeDependencyError');
};

describe('narrowPackageJson', () => {
  it('keeps exactly the packages the bundle requires, at the versions Nx wrote, and the other fields', () => {
    const { packageJson, dropped } = narrow(['winston', 'zod']);
    expect(packageJson).toEqual({ name: 'emulators-identity', version: '0.0.1', dependencies: { winston: '3.19.0', zod: '4.6.7' }, main: './main.cjs', type: 'commonjs' });
    expect(dropped).toEqual(['express', 'express-rate-limit', 'jsforce', 'pg', 'rate-limit-redis']);
  });

  it('adds the peers a required package loads itself, recursively, but not optional ones', () => {
    expect(narrow(['rate-limit-redis']).packageJson.dependencies).toEqual({ express: '5.3.0', 'express-rate-limit': '8.7.4', 'rate-limit-redis': '6.0.1' });
    expect(narrow(['pg']).packageJson.dependencies).toEqual({ pg: '8.23.1' });
  });

  it('takes the version from the root package.json when Nx did not list the package', () => {
    const { packageJson } = narrow(['zod'], { generated: { ...generated, dependencies: {} } });
    expect(packageJson.dependencies).toEqual({ zod: '4.6.7' });
  });

  it('refuses a required package that is only a devDependency, since npm ci --omit=dev would leave it out', () => {
    expect(problemsOf(() => narrow(['zod', 'tsx']))).toEqual(['tsx is a devDependency of the root package.json; move it to "dependencies"']);
  });

  it('names every missing package at once, peers with the package that needs them', () => {
    const problems = problemsOf(() => narrow(['winston-transport', 'needs-a-dev-peer'], { manifestOf: () => ({ peerDependencies: { supertest: '*' } }) }));
    expect(problems).toEqual([
      'winston-transport is not in the root package.json; add it to "dependencies"',
      'needs-a-dev-peer is not in the root package.json; add it to "dependencies"',
      'supertest (a peer dependency of winston-transport) is a devDependency of the root package.json; move it to "dependencies"',
    ]);
  });

  it('drops peer dependency sections Nx wrote: needed peers are plain dependencies now', () => {
    const withPeerSection = { ...generated, peerDependencies: { pg: '8.23.1' }, peerDependenciesMeta: { pg: { optional: true } } };
    const { packageJson } = narrow(['zod'], { generated: withPeerSection });
    expect(packageJson).not.toHaveProperty('peerDependencies');
    expect(packageJson).not.toHaveProperty('peerDependenciesMeta');
  });
});
