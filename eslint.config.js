// Lint enforces the runtime layering of DESIGN.md §2: who may import whom.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'http', 'https', 'net', 'crypto', 'child_process', 'url', 'events', 'stream', 'worker_threads'];
const noNode = nodeBuiltins.map((name) => ({ group: [name], message: 'No Node built-ins here (DESIGN.md §2).' }));
const noElectron = { group: ['electron', 'electron/*'], message: 'Only main/electron and main/preload may import electron.' };
const fromFolder = (folder, why) => ({ group: [`**/${folder}/**`, `${folder}/**`], message: why });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.bench/**', '.test-reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Participants use plain http://<LAN address>: not a secure context, so these are missing there.
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-properties': ['error',
        { object: 'crypto', property: 'randomUUID', message: 'Not available over plain http on the LAN; use shared/util/randomId.' },
        { object: 'crypto', property: 'subtle', message: 'Not available over plain http on the LAN.' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        ...noNode, noElectron,
        fromFolder('main', 'shared/ imports neither main/ nor renderer/.'),
        fromFolder('renderer', 'shared/ imports neither main/ nor renderer/.'),
        { group: ['react', 'react-dom', 'konva', 'dexie'], message: 'shared/ is pure: no UI or storage libraries.' },
      ] }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'navigator', 'localStorage'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [
        ...noNode, noElectron,
        fromFolder('main', 'renderer/ talks to main only through the preload bridge (shared/ipc).'),
      ] }],
    },
  },
  {
    files: ['main/host/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        noElectron,
        fromFolder('renderer', 'main/ never imports renderer/.'),
        fromFolder('electron', 'main/host runs under plain Node: no Electron layer here.'),
        fromFolder('preload', 'main/host does not import the preload.'),
      ] }],
    },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        fromFolder('renderer', 'main/ never imports renderer/.'),
        fromFolder('preload', 'The preload is its own bundle.'),
      ] }],
    },
  },
  {
    files: ['main/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', importNames: ['app', 'BrowserWindow', 'shell', 'ipcMain', 'webContents', 'session', 'protocol', 'net', 'dialog', 'remote', 'webFrame', 'clipboard', 'nativeImage'], message: 'The preload may use only contextBridge and ipcRenderer.' }],
        patterns: [
          ...noNode,
          fromFolder('renderer', 'The preload never imports renderer/.'),
          fromFolder('host', 'The preload never imports main/host.'),
          fromFolder('electron', 'The preload never imports main/electron.'),
        ],
      }],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts', 'scripts/**/*.{ts,mjs}', '*.config.{ts,js}'],
    rules: { 'no-restricted-globals': 'off' },
  },
);
