module.exports = {
  displayName: 'system-loan-mainframe',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
