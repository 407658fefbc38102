module.exports = {
  displayName: 'build-tools',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
