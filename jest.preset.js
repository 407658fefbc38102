/**
 * Shared jest settings for every project. Each project's jest.config.ts spreads this
 * and sets its own displayName and rootDir.
 *
 * ts-jest only transpiles (type checking is the `typecheck` target's job), which keeps
 * a test run on two cores fast. `@strata/*` aliases come from tsconfig.base.json so
 * tests import libraries exactly as the apps do.
 */
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${alias.replace('/', '\\/')}$`] = path.join(__dirname, target);
}

module.exports = {
  testEnvironment: 'node',
  testMatch: ['**/?(*.)test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.base.json'), diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testTimeout: 20000,
  clearMocks: true,
};
