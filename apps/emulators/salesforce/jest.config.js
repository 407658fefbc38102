module.exports = {
  displayName: 'emulators-salesforce',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
