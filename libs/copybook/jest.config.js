module.exports = {
  displayName: 'copybook',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
