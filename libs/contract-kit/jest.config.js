module.exports = {
  displayName: 'contract-kit',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
