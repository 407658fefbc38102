module.exports = {
  displayName: 'system-salesforce',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
