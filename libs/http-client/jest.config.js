module.exports = {
  displayName: 'http-client',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
