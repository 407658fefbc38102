module.exports = {
  displayName: 'emulators-card-platform',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
