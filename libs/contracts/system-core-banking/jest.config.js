module.exports = {
  displayName: 'contracts-system-core-banking',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
