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
    ],
  },
  {
    // `(await client.get(…)).assertStatus(…)` reads best in tests.
    files: ['server/tests/**/*.ts', '**/*.test.ts'],
    rules: { '@unicorn/no-await-expression-member': 'off' },
  }
)
