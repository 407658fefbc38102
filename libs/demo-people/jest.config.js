module.exports = {
  displayName: 'demo-people',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
