module.exports = {
  displayName: 'system-card-platform',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
