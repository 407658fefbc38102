module.exports = {
  displayName: 'emulators-loan-mainframe',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
