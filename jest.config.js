/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2019' } },
    ],
  },
  moduleNameMapper: {
    // office-addin-mock imports office-addin-manifest, which pulls ESM-only packages under jest; it only needs the OfficeApp enum.
    '^office-addin-manifest$': '<rootDir>/tests/stubs/office-addin-manifest.js',
  },
  testTimeout: 60000,
};
