module.exports = {
  displayName: 'contracts-experience-advisor',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
