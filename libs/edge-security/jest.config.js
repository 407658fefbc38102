module.exports = {
  displayName: 'edge-security',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
