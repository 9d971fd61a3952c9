import js from '@eslint/js';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** Import boundaries between the processes; breaking one fails `npm run lint` and so the build. */
const noElectron = { name: 'electron', message: 'Only main/host/electron and preload may import electron.' };
const noNode = nodeBuiltins.map((name) => ({ name, message: 'This layer runs without Node: use a port passed in from main.' }));

export default tseslint.config(
  { ignores: ['dist/**', '.tsbuild/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['main/services/**', 'main/cli/**', 'main/host/core/**', 'main/host/web/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    files: ['common/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron, ...noNode], patterns: [{ group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'common/ depends on nothing but itself and zod.' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron, ...noNode], patterns: [{ group: ['**/main/**', '**/preload/**'], message: 'The renderer reaches main only through window.scrivania.' }] }],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['preload/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { paths: noNode, patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'The preload only bridges the contract.' }] }] },
  },
);
