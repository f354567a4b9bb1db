import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const features = ['auth', 'home', 'workers', 'recruitment', 'assessment', 'payroll', 'dashboard', 'pay-scheme', 'me', 'management', 'audit'];

// Unidirectional architecture (bulletproof-react): shared -> features -> app.
// Features never import each other; shared code (components, lib, api) never imports features or app.
const featureZones = features.map((feature) => ({
  target: `./src/features/${feature}`,
  from: './src/features',
  except: [`./${feature}`],
  message: 'features must not import each other; compose them in src/app',
}));

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'src/api/types'] },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: globals.browser },
    plugins: { import: importPlugin, 'react-hooks': reactHooks },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.app.json' } },
    },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-explicit-any': 'error',
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            ...featureZones,
            {
              target: ['./src/components', './src/lib', './src/api'],
              from: ['./src/features', './src/app'],
              message: 'shared code must not depend on features or the app',
            },
            { target: './src/features', from: './src/app', message: 'features must not import the app layer' },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'e2e/**/*.mjs'],
    extends: [js.configs.recommended],
    // e2e code also runs functions inside the page (page.evaluate), hence the browser globals.
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
  },
);
