module.exports = {
  displayName: 'contracts-process-customer-sync',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
