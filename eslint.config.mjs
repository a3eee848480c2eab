import js from '@eslint/js';
import officeAddins from 'eslint-plugin-office-addins';
import tseslint from 'typescript-eslint';

// eslint-plugin-office-addins' recommended Office.js rules (load before read, sync after load, no sync in a
// loop, isNullObject…). Its formatting rules (prettier with Microsoft's style) are left out: the project's own
// prettier check runs in `npm run lint`.
const officeRecommended = officeAddins.configs.recommended.find((c) => c.plugins?.['office-addins']);
const officeRules = Object.fromEntries(
  Object.entries(officeRecommended.rules).filter(([name]) => name.startsWith('office-addins/')),
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'build/**', 'wps/build/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Scoped to the code that speaks Office.js (the rules read any `.load`/`.sync` as Office's).
    files: ['src/host/excel/**/*.ts', 'src/shell/excel/**/*.{ts,tsx}'],
    plugins: { 'office-addins': officeAddins },
    rules: officeRules,
  },
);
