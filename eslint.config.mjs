import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', '.vite/', 'out/', 'dist/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The engine runs under plain Node: electron/core never imports electron.' }], patterns: [{ group: ['electron/*'], message: 'The engine never imports electron.' }, { group: ['**/renderer/**'], message: 'The engine does not know the renderer.' }] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'ws', 'ssh2', 'pg'].map((name) => ({ name, message: 'The renderer talks to the engine only through the contract.' })),
          patterns: [
            { regex: '^(\\.\\./)+electron/(?!core/contract$|core/format/[^/]+$)', message: 'The renderer knows only the contract (electron/core/contract) and the pure formatters (electron/core/format/*).' },
            { regex: '^node:', message: 'The renderer runs in a browser: no Node modules.' },
          ],
        },
      ],
    },
  },
);
