module.exports = {
  displayName: 'contracts-system-loan-mainframe',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
