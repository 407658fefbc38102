module.exports = {
  displayName: 'contracts-experience-mobile',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
