module.exports = {
  displayName: 'system-core-banking',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
