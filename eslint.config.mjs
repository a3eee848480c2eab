import { builtinModules } from 'node:module';
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
        {
          group: RUNTIME_PACKAGES.patterns,
          message: 'The core must not depend on a runtime, a file format or the UI.',
        },
      ],
    },
  ];
}

// Above the core. Node's built-in modules (the pane's code runs in a browser page), by name and `node:` prefix.
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));
const NODE_FORMATS = ['exceljs'];
const UI_PACKAGES = ['react', 'react-dom', 'react-dom/client'];
const ABOVE_HOSTS = {
  regex: layer(['app', 'ui', 'cli', 'shell']),
  message: 'Host adapters sit below the app, the UI, the CLI and the shells.',
};
const ADAPTERS = ['excel', 'wps', 'file', 'exceljs'];
const ADAPTER_FROM_HOST_ROOT = {
  regex: `^\\./(${ADAPTERS.join('|')})(/|$)`,
  message: 'The Host interface (src/host/types.ts) knows no adapter.',
};
/** An adapter's folder is flat: another adapter is `../<name>` (or `host/<name>` from anywhere). */
function otherAdapters(self) {
  const others = ADAPTERS.filter((a) => a !== self).join('|');
  return {
    regex: `^\\.\\./(${others})(/|$)|(^|/)host/(${others})(/|$)`,
    message: `A host adapter (src/host/${self}) never imports another adapter; what they share goes to src/sheet or src/report.`,
  };
}
const SHELL_NOT_CLI = { regex: layer(['cli']), message: 'A shell is an add-in entry: it never imports the CLI.' };

/**
 * One `no-restricted-imports` setting: the given patterns, plus (browser) no node built-in module, plus the named
 * packages.
 */
function restrict(patterns, { browser = false, packages = [] } = {}) {
  const paths = [
    ...(browser
      ? NODE_BUILTINS.map((name) => ({ name, message: 'This code runs in the add-in page: no node module.' }))
      : []),
    ...packages.map((name) => ({ name, message: 'This layer does not use that package (see docs/architecture.md).' })),
  ];
  const groups = [];
  if (browser) groups.push({ group: ['node:*'], message: 'This code runs in the add-in page: no node module.' });
  if (packages.some((p) => UI_PACKAGES.includes(p)))
    groups.push({
      group: ['@fluentui/*'],
      message: 'The pane (src/ui) is the only React/Fluent UI code below the shells.',
    });
  return ['error', { paths, patterns: [...patterns, ...groups] }];
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
  // Above the format library every folder gets one block (for a file, the last block that sets the rule wins,
  // so no two of these match the same file): the hosts, the app, the pane, the CLI and the two shells.
  {
    // The Host interface itself knows no adapter.
    files: ['src/host/types.ts'],
    rules: { 'no-restricted-imports': restrict([ABOVE_HOSTS, ADAPTER_FROM_HOST_ROOT]) },
  },
  {
    // The pane's adapters run in the add-in's page: no node, no ExcelJS, no other adapter.
    files: ['src/host/excel/**'],
    rules: {
      'no-restricted-imports': restrict([ABOVE_HOSTS, otherAdapters('excel')], {
        browser: true,
        packages: NODE_FORMATS,
      }),
    },
  },
  {
    files: ['src/host/wps/**'],
    rules: {
      'no-restricted-imports': restrict([ABOVE_HOSTS, otherAdapters('wps')], { browser: true, packages: NODE_FORMATS }),
    },
  },
  { files: ['src/host/file/**'], rules: { 'no-restricted-imports': restrict([ABOVE_HOSTS, otherAdapters('file')]) } },
  {
    files: ['src/host/exceljs/**'],
    rules: { 'no-restricted-imports': restrict([ABOVE_HOSTS, otherAdapters('exceljs')]) },
  },
  {
    // The app is host-agnostic logic that also runs in the pane: it drives the Host interface (and opens a picked
    // file through the file host), never a pane adapter by name, node, ExcelJS or React.
    files: ['src/app/**'],
    rules: {
      'no-restricted-imports': restrict(
        [
          { regex: layer(['ui', 'cli', 'shell']), message: 'The app sits below the UI, the CLI and the shells.' },
          {
            regex: '(^|/)host/(excel|wps|exceljs)(/|$)',
            message: 'The app drives the Host interface (src/host/types.ts); the shells choose the adapter.',
          },
        ],
        { browser: true, packages: [...NODE_FORMATS, ...UI_PACKAGES] },
      ),
    },
  },
  {
    // The pane draws what the app's Session tells it: no host, no file format, no CLI, no shell, no node.
    files: ['src/ui/**'],
    rules: {
      'no-restricted-imports': restrict(
        [
          {
            regex: layer(['host', 'xlsx', 'cli', 'shell']),
            message: 'The pane (src/ui) talks to the workbook through the app (Session) only; the shells wire it.',
          },
        ],
        { browser: true, packages: NODE_FORMATS },
      ),
    },
  },
  {
    // The command line works on files: the file and ExcelJS hosts, the format library and the core; never the
    // Session, the pane, a shell or the Office.js/WPS adapters.
    files: ['src/cli/**'],
    rules: {
      'no-restricted-imports': restrict(
        [
          {
            regex: layer(['app', 'ui', 'shell']),
            message: 'The CLI has no Session, no pane and no shell: it checks files over the file host.',
          },
          {
            regex: '(^|/)host/(excel|wps)(/|$)',
            message: 'The CLI never uses the Office.js or WPS adapter.',
          },
        ],
        { packages: UI_PACKAGES },
      ),
    },
  },
  {
    files: ['src/shell/excel/**'],
    rules: {
      'no-restricted-imports': restrict(
        [
          SHELL_NOT_CLI,
          {
            regex: '(^|/)(shell/wps|host/(wps|exceljs))(/|$)|^\\.\\./wps(/|$)',
            message: 'The Excel shell wires the Excel host: never the WPS shell or host, nor ExcelJS.',
          },
        ],
        { browser: true, packages: NODE_FORMATS },
      ),
    },
  },
  {
    files: ['src/shell/wps/**'],
    rules: {
      'no-restricted-imports': restrict(
        [
          SHELL_NOT_CLI,
          {
            regex: '(^|/)(shell/excel|host/(excel|exceljs))(/|$)|^\\.\\./excel(/|$)',
            message: 'The WPS shell wires the WPS host: never the Excel shell or host, nor ExcelJS.',
          },
        ],
        { browser: true, packages: NODE_FORMATS },
      ),
    },
  },
  {
    // Scoped to the code that speaks Office.js (the rules read any `.load`/`.sync` as Office's).
    files: ['src/host/excel/**/*.ts', 'src/shell/excel/**/*.{ts,tsx}'],
    plugins: { 'office-addins': officeAddins },
    rules: officeRules,
  },
);
