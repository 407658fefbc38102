module.exports = {
  displayName: 'change-feed',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
