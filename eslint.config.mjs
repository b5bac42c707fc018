// Lint: typescript-eslint's recommended rules, plus the one architectural rule that matters most:
// the core never imports `vscode` (it runs in the CLI, workers and plain Node tests).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'bench/.work/**', 'node_modules/**', 'test/static-eval/cases/**', 'test/fixtures/**', '.test-output/**', 'recorder/**', 'examples/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/core/**', 'src/cli/**', 'src/workers/**', 'src/shared/**', 'webview/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Core, CLI, workers, protocol and webview must not import vscode.' }] }] },
  },
  {
    files: ['test/**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs', globals: { exports: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', 'test/**/*.{js,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', fetch: 'readonly', performance: 'readonly' } },
  },
  {
    // End-to-end specs: mocha globals, and callbacks that run inside the browser page.
    files: ['test/e2e/**/*.mjs'],
    languageOptions: { globals: { describe: 'readonly', it: 'readonly', before: 'readonly', after: 'readonly', beforeEach: 'readonly', afterEach: 'readonly', document: 'readonly', getComputedStyle: 'readonly', window: 'readonly' } },
  },
);
