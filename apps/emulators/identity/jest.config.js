module.exports = {
  displayName: 'emulators-identity',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
