// Lint rules, with the process boundaries from docs/architecture.md as errors:
//   renderer/ never imports electron, Node built-ins or electron/ (it runs in a sandboxed page);
//   shared/ imports nothing outside itself but zod (the host and renderer both load it);
//   electron/host/ never imports electron (it runs under plain Node in browser mode and the CLI).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'crypto',
  'worker_threads',
  'stream',
  'util',
  'url',
  'module',
  'process',
  'tty',
  'dgram',
  'dns',
  'cluster',
  'vm',
  'zlib',
];

/**
 * Two connections write the host's database: the host thread's and the transcript index worker's
 * (electron/host/terminal/transcript/index-worker.ts). A DEFERRED transaction that reads before it
 * writes fails at once with SQLITE_BUSY when the other connection committed in between (WAL does
 * not call the busy handler for a stale read snapshot), so every transaction names its mode:
 * `.immediate()` takes the write lock first and waits for it; `.deferred()` is for reads only.
 */
const transactionRules = {
  'no-restricted-syntax': [
    'error',
    {
      selector: "CallExpression[callee.type='CallExpression'][callee.callee.property.name='transaction']",
      message:
        'Call a transaction as .immediate() (it writes) or .deferred() (it only reads): a deferred write can fail with SQLITE_BUSY beside the index worker.',
    },
  ],
};

export const boundaryRules = {
  renderer: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['electron', 'electron/*'],
            message: 'The renderer is a sandboxed page: no Electron. Ask the host through the typed client.',
          },
          {
            group: nodeBuiltins,
            message: 'The renderer has no Node. Ask the host through the typed client.',
          },
          {
            group: ['**/electron/**', '../electron', '../../electron'],
            message: 'The renderer talks to the host only through shared/contract.',
          },
        ],
      },
    ],
  },
  shared: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['electron', 'electron/*', ...nodeBuiltins],
            message: 'shared/ runs in every process: no Electron, no Node.',
          },
          {
            group: ['**/electron/**', '**/renderer/**', '../../*', '../../../*'],
            message: 'shared/ imports nothing outside shared/.',
          },
          { regex: '^(?!zod$|zod/|\\.)', message: 'shared/ imports only zod and its own files.' },
        ],
      },
    ],
  },
  host: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['electron', 'electron/*'],
            message: 'The host runs under plain Node (browser mode, CLI): never import electron.',
          },
          { group: ['**/renderer/**'], message: 'The host and the renderer share only shared/.' },
        ],
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test/fixtures/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-eval': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}', 'scripts/**', 'test/**', 'electron/**', '*.config.*'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-globals': ['error', 'require', 'process', 'Buffer', '__dirname'],
      ...boundaryRules.renderer,
    },
  },
  { files: ['shared/**/*.ts'], rules: boundaryRules.shared },
  { files: ['electron/host/**/*.ts'], rules: { ...boundaryRules.host, ...transactionRules } },
);
