module.exports = {
  displayName: 'experience-mobile',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
