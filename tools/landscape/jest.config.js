module.exports = {
  displayName: 'landscape',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
