/**
 * Shared jest settings for every project. Each project's jest.config.ts spreads this
 * and sets its own displayName and rootDir.
 *
 * ts-jest only transpiles (type checking is the `typecheck` target's job), which keeps
 * a test run on two cores fast. `@strata/*` aliases come from tsconfig.base.json so
 * tests import libraries exactly as the apps do.
 */
const path = require('node:path');

// Pact's native core sends usage metrics unless PACT_DO_NOT_TRACK is set in the real
// process environment, before test files run (each gets a copy of process.env). Tests
// here have no internet and must not try.
process.env.PACT_DO_NOT_TRACK ??= 'true';
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
