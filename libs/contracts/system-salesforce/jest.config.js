module.exports = {
  displayName: 'contracts-system-salesforce',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
