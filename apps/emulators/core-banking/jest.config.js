module.exports = {
  displayName: 'emulators-core-banking',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
