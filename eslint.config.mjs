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

// The layers, bottom up: src/sheet (spreadsheet ground floor) → form → report (what every layer passes
// around: findings, report, explanations, flags, wording, jixiao's own sheet names) → the rest of the domain
// core (read, rules, template, next, check.ts) → the .xlsx format library (src/xlsx) → host adapters / app →
// ui, cli, shell. An import may only point down.
const CORE = [
  'src/form/**',
  'src/report/**',
  'src/read/**',
  'src/rules/**',
  'src/template/**',
  'src/next/**',
  'src/check.ts',
];
const layer = (names) => `(^|/)(${names.join('|')})(/|$)`;
const ABOVE_CORE = {
  regex: layer(['host', 'ui', 'app', 'cli', 'shell', 'xlsx']),
  message:
    'The core (src/sheet and the domain) must not import the .xlsx library, a host adapter, the app, the UI, the CLI or a shell.',
};
const RUNTIME_PACKAGES = {
  // The core runs in every host: no node built-ins, no file formats, no UI, no Office typings.
  paths: ['fs', 'path', 'os', 'child_process', 'exceljs', 'jszip', 'react', 'react-dom'].map((name) => ({
    name,
    message: 'The core must not depend on a runtime, a file format or the UI.',
  })),
  patterns: ['node:*', '@fluentui/*', 'fs/*'],
};

/** The core's import rule: nothing above the core, no runtime package, plus what a layer forbids on top. */
function coreImports(extra) {
  return [
    'error',
    {
      paths: RUNTIME_PACKAGES.paths,
      patterns: [
        { regex: ABOVE_CORE.regex, message: ABOVE_CORE.message },
        ...extra,
        { group: RUNTIME_PACKAGES.patterns, message: 'The core must not depend on a runtime, a file format or the UI.' },
      ],
    },
  ];
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'build/**',
      'wps/build/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-aware linting (the type checker's view of promises and assertions) over every TypeScript file.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-for-in-array': 'error',
      '@typescript-eslint/no-implied-eval': 'error',
      '@typescript-eslint/require-await': 'off',
    },
  },
  { files: CORE, rules: { 'no-restricted-imports': coreImports([]) } },
  {
    files: ['src/sheet/**'],
    rules: {
      'no-restricted-imports': coreImports([
        {
          regex: layer(['form', 'report', 'read', 'rules', 'template', 'next', 'check']),
          message: 'src/sheet is the ground floor: it knows spreadsheets, nothing of the declaration form.',
        },
      ]),
    },
  },
  {
    files: ['src/report/**'],
    rules: {
      'no-restricted-imports': coreImports([
        {
          regex: layer(['read', 'rules', 'template', 'next', 'check']),
          message: 'src/report is what every layer passes around: it may import src/sheet and src/form only.',
        },
      ]),
    },
  },
  {
    // The .xlsx format as a library: it may import sheet, form and report, never a host, the app or the CLI.
    files: ['src/xlsx/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['exceljs', 'react', 'react-dom'].map((name) => ({
            name,
            message: 'src/xlsx reads and writes the package itself: no ExcelJS, no UI.',
          })),
          patterns: [
            {
              regex: layer(['host', 'app', 'cli', 'ui', 'shell', 'read', 'rules', 'template', 'next', 'check']),
              message: 'src/xlsx is the .xlsx format library: it may import src/sheet, src/form and src/report only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/host/**', 'src/app/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: layer(['ui', 'cli', 'shell']),
              message: 'Host adapters and the app sit below the UI, the CLI and the shells.',
            },
          ],
        },
      ],
    },
  },
  {
    // Scoped to the code that speaks Office.js (the rules read any `.load`/`.sync` as Office's).
    files: ['src/host/excel/**/*.ts', 'src/shell/excel/**/*.{ts,tsx}'],
    plugins: { 'office-addins': officeAddins },
    rules: officeRules,
  },
);
