import { configApp } from '@adonisjs/eslint-config'

/** One lint config for the server, widgets, themes and embed. */
export default configApp(
  {
    ignores: [
      'build/**',
      'storybook-static/**',
      'dist/**',
      '.adonisjs/**',
      '.parley/**',
      'coverage/**',
      'tmp/**',
      // Generated from the OpenAPI contract by bin/server_client_types.ts (thousands of lines).
      'embed/server-client/schema.d.ts',
    ],
  },
  {
    // `(await client.get(…)).assertStatus(…)` reads best in tests.
    files: ['server/tests/**/*.ts', '**/*.test.ts'],
    rules: { '@unicorn/no-await-expression-member': 'off' },
  },
  {
    // Server files are snake_case; browser files follow the web-component convention, kebab-case.
    files: ['widgets/**/*.ts', 'embed/**/*.ts', 'storybook/**/*.ts'],
    rules: { '@unicorn/filename-case': ['error', { case: 'kebabCase' }] },
  },
  {
    // Replaced at build time by Vite's `define`.
    files: ['embed/loader.ts'],
    rules: { '@typescript-eslint/naming-convention': 'off' },
  }
)
