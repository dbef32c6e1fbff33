import type { Decorator, Preview } from '@storybook/web-components-vite'
import { setCustomElementsManifest } from '@storybook/web-components'
// Generated from the elements' JSDoc (npm run manifest): Storybook's controls and docs read it.
import manifest from '../custom-elements.json'
import { compileTheme } from '../themes/compile.js'
import { PRESETS } from '../themes/presets.js'
import { applyThemeCss } from '../widgets/kit/theme.js'
import { setLocale } from '../widgets/kit/localize.js'

setCustomElementsManifest(manifest)

/** Applies the toolbar's theme preset, colour scheme and locale to every story. */
const withParleyGlobals: Decorator = (story, context) => {
  const {
    preset = 'light',
    scheme = 'light',
    locale = 'en',
  } = context.globals as Record<string, string>
  applyThemeCss(
    compileTheme({ ...PRESETS[preset], colorScheme: scheme as 'light' | 'dark' | 'auto' })
  )
  setLocale(locale)
  document.body.dataset.parleyScheme = scheme
  return story()
}

const preview: Preview = {
  decorators: [withParleyGlobals],
  globalTypes: {
    preset: {
      description: 'Theme preset',
      toolbar: {
        title: 'Theme',
        icon: 'paintbrush',
        items: Object.keys(PRESETS),
        dynamicTitle: true,
      },
    },
    scheme: {
      description: 'Colour scheme',
      toolbar: {
        title: 'Scheme',
        icon: 'contrast',
        items: ['light', 'dark', 'auto'],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Locale',
      toolbar: { title: 'Locale', icon: 'globe', items: ['en', 'es'], dynamicTitle: true },
    },
  },
  initialGlobals: { preset: 'light', scheme: 'light', locale: 'en' },
  parameters: { layout: 'padded' },
  tags: ['autodocs'],
}

export default preview
