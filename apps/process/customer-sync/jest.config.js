module.exports = {
  displayName: 'process-customer-sync',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
