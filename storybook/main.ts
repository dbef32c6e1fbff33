import { execFileSync } from 'node:child_process'
import type { StorybookConfig } from '@storybook/web-components-vite'

// The elements' API from their JSDoc, fresh for every run: preview.ts hands it to Storybook's
// controls and docs.
execFileSync(
  process.execPath,
  [
    'node_modules/@custom-elements-manifest/analyzer/cem.js',
    'analyze',
    '--config',
    'custom-elements-manifest.config.mjs',
    '--quiet',
  ],
  { cwd: new URL('../', import.meta.url).pathname, stdio: 'inherit' }
)

/** Storybook for the kit and every widget; stories live beside their components. */
const config: StorybookConfig = {
  stories: ['../widgets/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  docs: {},
}

export default config
