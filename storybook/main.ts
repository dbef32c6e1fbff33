import type { StorybookConfig } from '@storybook/web-components-vite'
import { writeElementsManifest } from '../bin/elements_manifest.js'

// Fresh for every run: preview.ts hands the elements' API to Storybook's controls and docs.
writeElementsManifest()

/** Storybook for the kit and every widget; stories live beside their components. */
const config: StorybookConfig = {
  stories: ['../widgets/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  docs: {},
}

export default config
