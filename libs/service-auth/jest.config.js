module.exports = {
  displayName: 'service-auth',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
