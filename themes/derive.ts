import { fromOklch, toOklch } from './color.js'
import { AA_NON_TEXT, AA_NORMAL_TEXT, contrastRatio } from './contrast.js'
import type { ColorRole, ColorRoles } from './roles.js'

/**
 * The colours Parley chooses where a theme is silent. A partner who sets a brand colour under
 * `color.light` only gets a dark-scheme counterpart of it (same hue and chroma in OKLCH, its
 * lightness moved until it reads on the dark surface) instead of the default blue; and every
 * colour Parley chooses, default or derived, meets WCAG AA against what it sits on. Colours the
 * partner set for a scheme are never changed: their contrast is reported by validate.ts.
 */

type Scheme = 'light' | 'dark'
export type ExplicitRoles = Record<Scheme, Set<ColorRole>>

/** Text and accents drawn on the two surfaces: they must read on both. */
const ON_SURFACES: ColorRole[] = ['onSurface', 'onSurfaceMuted', 'primary', 'danger', 'success']
/** Each filled colour and the text drawn on it. */
export const ON_COLORS: [text: ColorRole, background: ColorRole][] = [
  ['onPrimary', 'primary'],
  ['onDanger', 'danger'],
  ['onSuccess', 'success'],
  ['onWarning', 'warning'],
]

const tone = (hex: string, l: number, maxChroma: number) => {
  const { c, h } = toOklch(hex)
  return fromOklch({ l, c: Math.min(c, maxChroma), h })
}

const passes = (color: string, backgrounds: string[], min: number) =>
  backgrounds.every((bg) => contrastRatio(color, bg) >= min)

/**
 * `color`, or the colour nearest it in lightness (hue and chroma kept) that reaches `min` against
 * every background; black or white, whichever contrasts more, when no lightness does.
 */
export function ensureContrast(color: string, backgrounds: string[], min: number): string {
  if (passes(color, backgrounds, min)) return color
  const start = toOklch(color)
  for (let step = 0.005; step <= 1; step += 0.005) {
    for (const l of [start.l + step, start.l - step]) {
      if (l < 0 || l > 1) continue
      const candidate = fromOklch({ ...start, l })
      if (passes(candidate, backgrounds, min)) return candidate
    }
  }
  const worst = (c: string) => Math.min(...backgrounds.map((bg) => contrastRatio(c, bg)))
  return worst('#000000') >= worst('#ffffff') ? '#000000' : '#ffffff'
}

/**
 * Text for a filled background: white in the light scheme and a deep shade of the background's
 * own hue in the dark one (as the defaults are), the other where that fails AA, else black or
 * white, whichever contrasts more.
 */
export function textOn(background: string, scheme: Scheme): string {
  const white = '#ffffff'
  const deep = tone(background, 0.22, 0.06)
  const [preferred, other] = scheme === 'light' ? [white, deep] : [deep, white]
  for (const candidate of [preferred, other])
    if (contrastRatio(candidate, background) >= AA_NORMAL_TEXT) return candidate
  return contrastRatio('#000000', background) >= contrastRatio(white, background)
    ? '#000000'
    : white
}

/** Dark-scheme counterparts of colours set for the light scheme only. */
function darkCounterparts(light: ColorRoles, dark: ColorRoles, explicit: ExplicitRoles) {
  const lightOnly = (role: ColorRole) => explicit.light.has(role) && !explicit.dark.has(role)
  // Surfaces keep a hint of the brand's hue at the lightness of the default dark palette.
  const surfaces: [ColorRole, number, number][] = [
    ['surface', 0.2, 0.03],
    ['surfaceMuted', 0.255, 0.035],
    ['border', 0.38, 0.04],
    ['onSurface', 0.93, 0.02],
    ['onSurfaceMuted', 0.78, 0.03],
  ]
  for (const [role, l, chroma] of surfaces)
    if (lightOnly(role)) dark[role] = tone(light[role], l, chroma)
  // Accents start from the brand colour itself; the contrast pass below lightens them as needed.
  for (const role of ['primary', 'danger', 'success', 'warning', 'focus'] as const)
    if (lightOnly(role)) dark[role] = light[role]
}

/**
 * Completes both palettes: dark counterparts of light-only colours, then every colour the
 * partner did not set for a scheme brought to AA against the surfaces it sits on, and the text of
 * every filled colour chosen for it.
 */
export function deriveColors(
  color: { light: ColorRoles; dark: ColorRoles },
  explicit: ExplicitRoles,
  defaults: { light: ColorRoles; dark: ColorRoles }
): { light: ColorRoles; dark: ColorRoles } {
  const palettes = { light: { ...color.light }, dark: { ...color.dark } }
  darkCounterparts(palettes.light, palettes.dark, explicit)
  for (const scheme of ['light', 'dark'] as const) {
    const palette = palettes[scheme]
    const own = explicit[scheme]
    const surfaces = [palette.surface, palette.surfaceMuted]
    for (const role of ON_SURFACES)
      if (!own.has(role)) palette[role] = ensureContrast(palette[role], surfaces, AA_NORMAL_TEXT)
    if (!own.has('focus')) palette.focus = ensureContrast(palette.focus, surfaces, AA_NON_TEXT)
    for (const [text, background] of ON_COLORS) {
      if (own.has(text)) continue
      const changed = palette[background] !== defaults[scheme][background]
      if (changed || contrastRatio(palette[text], palette[background]) < AA_NORMAL_TEXT)
        palette[text] = textOn(palette[background], scheme)
    }
  }
  return palettes
}
