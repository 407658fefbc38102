module.exports = {
  displayName: 'contracts-system-card-platform',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
