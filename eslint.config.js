// The linter's rules, including the layers of the node (ARCHITECTURE.md, "Layers"): each folder of
// src/ is an element of one layer, and a file may import only from its own layer's allowed list.
// An import that runs back up (a domain importing the assembly, the store importing a domain) fails
// `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';
import prettier from 'eslint-config-prettier';

/** The layers, bottom first. A folder not listed here is a domain. */
const foundation = ['errors', 'i18n', 'config', 'contract'];
const core = ['stix', 'crypto', 'identifiers', 'geo'];
const assembly = ['server', 'cli', 'demo'];

const folders = (names) => names.map((n) => `src/${n}`);

const elements = [
  { type: 'foundation', pattern: folders(foundation) },
  { type: 'core', pattern: folders(core) },
  { type: 'store', pattern: ['src/store'] },
  { type: 'http', pattern: ['src/http'] },
  { type: 'kernel', pattern: ['src/node'] },
  { type: 'assembly', pattern: folders(assembly) },
  // Benchmarks run beside a node, never inside one: they may use the test helpers.
  { type: 'bench', pattern: ['src/bench'] },
  { type: 'domain', pattern: ['src/*'] },
];

export default tseslint.config(
  {
    ignores: ['dist/**', 'dist-test/**', 'node_modules/**', 'demo-data/**', 'bench-data/**', 'test-output/**', 'src/stix/fixtures/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      // Refusing control characters in hostile input is what many of our parsers are for.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.json' } },
      'boundaries/elements': elements,
      // Tests and their helpers: only they (and benchmarks) may import a helper; nothing a node runs does.
      'boundaries/files': [
        { category: 'test', pattern: 'src/**/*.test.ts' },
        { category: 'testing', pattern: ['src/testing/**', 'src/**/*.testing.ts'] },
      ],
      'boundaries/include': ['src/**/*.ts'],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            { from: { element: { type: 'foundation' } }, allow: { to: { element: { types: { anyOf: ['foundation'] } } } } },
            { from: { element: { type: 'core' } }, allow: { to: { element: { types: { anyOf: ['foundation', 'core'] } } } } },
            { from: { element: { type: 'store' } }, allow: { to: { element: { types: { anyOf: ['foundation', 'core', 'store'] } } } } },
            { from: { element: { type: 'http' } }, allow: { to: { element: { types: { anyOf: ['foundation', 'core', 'http'] } } } } },
            {
              from: { element: { type: 'kernel' } },
              allow: { to: { element: { types: { anyOf: ['foundation', 'core', 'store', 'kernel'] } } } },
            },
            {
              from: { element: { type: 'domain' } },
              allow: { to: { element: { types: { anyOf: ['foundation', 'core', 'store', 'http', 'kernel', 'domain'] } } } },
            },
            {
              from: { element: { type: 'assembly' } },
              allow: {
                to: { element: { types: { anyOf: ['foundation', 'core', 'store', 'http', 'kernel', 'domain', 'assembly'] } } },
              },
            },
            {
              from: { element: { type: 'testing' } },
              allow: {
                to: { element: { types: { anyOf: ['foundation', 'core', 'store', 'http', 'kernel', 'domain', 'assembly'] } } },
              },
            },
            {
              from: { element: { type: 'test' } },
              allow: {
                to: {
                  element: { types: { anyOf: ['foundation', 'core', 'store', 'http', 'kernel', 'domain', 'assembly', 'testing', 'test'] } },
                },
              },
            },
            { from: { element: { type: 'bench' } }, allow: { to: { element: { type: '*' } } } },
            // Tests and test helpers may reach any layer (they assemble whole nodes on loopback)…
            { from: { file: { categories: { anyOf: ['test', 'testing'] } } }, allow: { to: { element: { type: '*' } } } },
            // …and nothing else may import them.
            {
              from: { file: { categories: { noneOf: ['test', 'testing'] } }, element: { types: { noneOf: ['bench'] } } },
              disallow: { to: { file: { categories: { anyOf: ['test', 'testing'] } } } },
            },
          ],
        },
      ],
    },
  },
  {
    files: ['console/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly' } },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
