module.exports = {
  displayName: 'experience-advisor',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
