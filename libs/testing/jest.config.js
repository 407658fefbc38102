// Pact's native core sends usage metrics unless PACT_DO_NOT_TRACK is set in the real
// process environment (jest gives each test file a copy of process.env, so it must be
// set here, before the test files run). Tests have no internet and should not try.
process.env.PACT_DO_NOT_TRACK ??= 'true';

module.exports = {
  displayName: 'testing',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
