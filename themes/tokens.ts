import { deriveColors, type ExplicitRoles } from './derive.js'
import { COLOR_ROLES, type ColorRole, type ColorRoles } from './roles.js'

/**
 * Design tokens: the one source of a tenant's look. A theme is a partial set of tokens merged over
 * the defaults below, validated by schema.json (see validate.ts), compiled to `--parley-*` CSS
 * custom properties by compile.ts.
 */

export { COLOR_ROLES, type ColorRole, type ColorRoles } from './roles.js'

export const FONT_SIZES = ['xs', 'sm', 'md', 'lg', 'xl', 'xxl'] as const
export const RADII = ['sm', 'md', 'lg', 'pill'] as const
export const ELEVATIONS = ['1', '2', '3'] as const
export const COLOR_SCHEMES = ['light', 'dark', 'auto'] as const
export const DENSITIES = ['comfortable', 'compact'] as const

export interface ThemeTokens {
  colorScheme: (typeof COLOR_SCHEMES)[number]
  color: { light: ColorRoles; dark: ColorRoles }
  typography: {
    fontFamily: string
    fontFamilyMono: string
    scale: Record<(typeof FONT_SIZES)[number], string>
    weightRegular: number
    weightStrong: number
    lineHeight: number
  }
  radius: Record<(typeof RADII)[number], string>
  spacing: { unit: string }
  density: (typeof DENSITIES)[number]
  elevation: Record<(typeof ELEVATIONS)[number], string>
  motion: { durationFast: string; durationSlow: string; easing: string }
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] }
/** What a tenant stores and sends: any subset of the tokens. */
export type ThemeInput = DeepPartial<ThemeTokens>

/** Text/background pairs that must reach WCAG AA (4.5:1) in both schemes. */
export const CONTRAST_PAIRS: [text: ColorRole, background: ColorRole][] = [
  ['onPrimary', 'primary'],
  ['onSurface', 'surface'],
  ['onSurfaceMuted', 'surface'],
  ['onSurface', 'surfaceMuted'],
  ['onDanger', 'danger'],
  ['onSuccess', 'success'],
  ['onWarning', 'warning'],
]

export const DEFAULT_TOKENS: ThemeTokens = {
  colorScheme: 'auto',
  color: {
    light: {
      primary: '#2f5bd3',
      onPrimary: '#ffffff',
      surface: '#ffffff',
      onSurface: '#18202f',
      surfaceMuted: '#f2f4f8',
      onSurfaceMuted: '#586174',
      border: '#d5dae3',
      danger: '#c2261f',
      onDanger: '#ffffff',
      success: '#1d7a43',
      onSuccess: '#ffffff',
      warning: '#f2b233',
      onWarning: '#2a1e00',
      focus: '#2f5bd3',
      backdrop: '#0b0f1a99',
    },
    dark: {
      primary: '#8fb0ff',
      onPrimary: '#0b1733',
      surface: '#151a24',
      onSurface: '#e8ecf4',
      surfaceMuted: '#1f2633',
      onSurfaceMuted: '#a7b0c2',
      border: '#343d4f',
      danger: '#ff8a80',
      onDanger: '#2b0603',
      success: '#6ad69a',
      onSuccess: '#04240f',
      warning: '#f5c451',
      onWarning: '#2a1e00',
      focus: '#8fb0ff',
      backdrop: '#000000b3',
    },
  },
  typography: {
    fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    fontFamilyMono: "ui-monospace, 'SFMono-Regular', Menlo, monospace",
    scale: { xs: '11px', sm: '13px', md: '14px', lg: '16px', xl: '20px', xxl: '24px' },
    weightRegular: 400,
    weightStrong: 600,
    lineHeight: 1.45,
  },
  radius: { sm: '4px', md: '8px', lg: '14px', pill: '999px' },
  spacing: { unit: '4px' },
  density: 'comfortable',
  elevation: {
    '1': '0 1px 2px #0b0f1a1f',
    '2': '0 4px 12px #0b0f1a29',
    '3': '0 12px 32px #0b0f1a3d',
  },
  motion: { durationFast: '120ms', durationSlow: '240ms', easing: 'cubic-bezier(0.2, 0, 0, 1)' },
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The colour roles each layer sets for each scheme (what Parley must not change). */
function explicitRoles(layers: (ThemeInput | undefined)[]): ExplicitRoles {
  const roles: ExplicitRoles = { light: new Set(), dark: new Set() }
  for (const layer of layers)
    for (const scheme of ['light', 'dark'] as const)
      for (const [role, value] of Object.entries(layer?.color?.[scheme] ?? {}))
        if (value !== undefined && (COLOR_ROLES as readonly string[]).includes(role))
          roles[scheme].add(role as ColorRole)
  return roles
}

/**
 * Deep-merges any number of partial token sets over the defaults, then completes the colours
 * (derive.ts): a dark counterpart of each light-only colour, and AA contrast for every colour
 * the layers left to Parley.
 */
export function resolveTokens(...layers: (ThemeInput | undefined)[]): ThemeTokens {
  const merge = (base: any, layer: any): any => {
    if (!isObject(layer)) return layer === undefined ? base : layer
    const out: Record<string, unknown> = { ...base }
    for (const [key, value] of Object.entries(layer)) out[key] = merge(base?.[key], value)
    return out
  }
  const merged = layers.reduce<ThemeTokens>((acc, layer) => merge(acc, layer), DEFAULT_TOKENS)
  return {
    ...merged,
    color: deriveColors(merged.color, explicitRoles(layers), DEFAULT_TOKENS.color),
  }
}
