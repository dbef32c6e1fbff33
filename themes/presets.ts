import light from './presets/light.json' with { type: 'json' }
import dark from './presets/dark.json' with { type: 'json' }
import highContrast from './presets/high-contrast.json' with { type: 'json' }
import ocean from './presets/ocean.json' with { type: 'json' }
import sunset from './presets/sunset.json' with { type: 'json' }
import type { ThemeInput } from './tokens.js'

/** The presets a partner starts from: three neutral, two brand examples. */
export const PRESETS = {
  'light': light,
  'dark': dark,
  'high-contrast': highContrast,
  'ocean': ocean,
  'sunset': sunset,
} as Record<string, ThemeInput>

export type PresetName = keyof typeof PRESETS
