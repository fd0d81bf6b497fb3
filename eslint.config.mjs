// ESLint (flat config): typescript-eslint's type-checked recommended rules, import order, cycles and
// the folder layering of src/ (import-x); Prettier owns the formatting (eslint-config-prettier).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Which folders of src/ may not import which: the emulator stands alone, EKS access sits below the API. */
const layering = [
  {
    target: './src/emulator',
    from: ['./src/eks', './src/graphql', './src/security', './src/server'],
    message: 'The emulator stands alone: it imports nothing from the gateway.',
  },
  {
    target: './src/eks',
    from: ['./src/graphql', './src/server', './src/security'],
    message: 'The EKS layer sits below the GraphQL API, the security layer and the server.',
  },
  {
    target: './src/inventory/store',
    from: ['./src/graphql', './src/server', './src/security', './src/emulator'],
    message: "The inventory's storage knows only the EKS models: policy arrives as visibility grants.",
  },
  {
    target: './src/graphql',
    from: ['./src/server'],
    message: 'The GraphQL layer does not know the HTTP server that mounts it.',
  },
  {
    target: './src',
    from: ['./test', './bench', './scripts', './examples'],
    message: 'The shipped code never imports tests, benchmarks, scripts or examples.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'test-results/',
      'src/generated/',
      'examples/generated/',
      'examples/relay/src/__generated__/',
      'examples/web/src/gql/',
      'examples/web/dist/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // Type-aware rules for the shipped code only, over the program of tsconfig.build.json (src/):
    // over tests, benchmarks, scripts and examples too they would take the lint from about 35 s
    // to 60 s of CPU, for code that `tsc` and the tests already exercise.
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { project: './tsconfig.build.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  importX.flatConfigs.recommended,
  importX.flatConfigs.typescript,
  {
    languageOptions: { globals: globals.node },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: [
            'tsconfig.json',
            'examples/tsconfig.json',
            'examples/web/tsconfig.json',
            'examples/web/tsconfig.node.json',
          ],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      // TypeScript already checks what these resolve to, and they would parse every imported package.
      'import-x/namespace': 'off',
      'import-x/default': 'off',
      'import-x/no-named-as-default-member': 'off',
      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', ['internal', 'parent', 'sibling', 'index']],
          'newlines-between': 'never',
          alphabetize: { order: 'asc', caseInsensitive: true },
        },
      ],
      // Cycles among the project's own modules; following packages' files would only cost time.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: layering }],
      // Async functions without an await implement Promise-returning interfaces (the caches, Apollo's
      // plugin hooks and KeyValueCache), where a throw must still become a rejection.
      '@typescript-eslint/require-await': 'off',
      // `const { omitted, ...rest } = value` is how the code drops a field.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // The web app runs in browsers.
    files: ['examples/web/src/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Tests and examples read untyped JSON answers, and a typed document's generic bound is
    // `TypedDocumentNode<any, any>`: there `any` is deliberate.
    files: ['test/**', 'examples/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The CommonJS configuration and reporter that Jest loads, and this file: no TypeScript program.
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
