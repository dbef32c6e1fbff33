import {
  COLOR_ROLES,
  ELEVATIONS,
  FONT_SIZES,
  RADII,
  resolveTokens,
  type ColorRoles,
  type ThemeInput,
  type ThemeTokens,
} from './tokens.js'

/**
 * Compiles tokens to CSS custom properties, the first of three tiers: global tokens
 * (`--parley-color-primary`, `--parley-space-2`…), which each widget reads through its public
 * variables (`--parley-launcher-background`…) into private ones (`--_parley-launcher-bg`) with a
 * built-in fallback. The rules target `:root` and `:host`, so the same CSS works linked into a
 * page or adopted into a widget's shadow root (what the loader does).
 */

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)

/** Spacing steps 1…8 as multiples of the unit; compact density tightens them by a quarter. */
const SPACE_STEPS = [1, 2, 3, 4, 5, 6, 8, 10] as const

function spacing(tokens: ThemeTokens): string[] {
  const match = /^(\d+(?:\.\d+)?)(px|rem|em)$/.exec(tokens.spacing.unit)
  const [amount, suffix] = match ? [Number(match[1]), match[2]] : [4, 'px']
  const unit = amount * (tokens.density === 'compact' ? 0.75 : 1)
  return SPACE_STEPS.map(
    (step, i) => `--parley-space-${i + 1}: ${+(unit * step).toFixed(3)}${suffix};`
  )
}

function colors(palette: ColorRoles): string[] {
  return COLOR_ROLES.map((role) => `--parley-color-${kebab(role)}: ${palette[role]};`)
}

function base(tokens: ThemeTokens): string[] {
  const t = tokens.typography
  return [
    // The tenant's uploaded font (registered by the widgets' runtime) leads the theme's stack;
    // unset, the empty fallback leaves the stack as it is.
    `--parley-font-family: var(--parley-font-family-brand,) ${t.fontFamily};`,
    `--parley-font-family-mono: ${t.fontFamilyMono};`,
    ...FONT_SIZES.map((size) => `--parley-font-size-${size}: ${t.scale[size]};`),
    `--parley-font-weight-regular: ${t.weightRegular};`,
    `--parley-font-weight-strong: ${t.weightStrong};`,
    `--parley-line-height: ${t.lineHeight};`,
    ...RADII.map((r) => `--parley-radius-${r}: ${tokens.radius[r]};`),
    ...spacing(tokens),
    `--parley-density: ${tokens.density};`,
    ...ELEVATIONS.map((e) => `--parley-shadow-${e}: ${tokens.elevation[e]};`),
    `--parley-duration-fast: ${tokens.motion.durationFast};`,
    `--parley-duration-slow: ${tokens.motion.durationSlow};`,
    `--parley-easing: ${tokens.motion.easing};`,
  ]
}

const block = (selector: string, lines: string[]) => `${selector} {\n  ${lines.join('\n  ')}\n}`

const SCHEME_ATTR = 'data-parley-scheme'
/** Set by ParleyElement on elements inside another: they inherit its palette, not the default. */
const NESTED_ATTR = 'data-parley-nested'
const root = (attr?: string) => (attr ? `:root[${SCHEME_ATTR}="${attr}"]` : ':root')
const host = (attr?: string) => (attr ? `:host([${SCHEME_ATTR}="${attr}"])` : ':host')

/** CSS for a theme: any partial token set over the defaults. */
export function compileTheme(input?: ThemeInput): string {
  const tokens = resolveTokens(input)
  const light = ['color-scheme: light;', ...colors(tokens.color.light)]
  const dark = ['color-scheme: dark;', ...colors(tokens.color.dark)]
  const initial = tokens.colorScheme === 'dark' ? dark : light

  // The palette goes on the page and on outermost elements only: nested ones inherit theirs, so a
  // scheme fixed on a widget (data-parley-scheme) holds for every element inside it.
  const css = [
    '/* Parley theme: generated from design tokens; do not edit. */',
    block(`${root()}, ${host()}`, base(tokens)),
    block(`${root()}, ${host()}(:not([${NESTED_ATTR}]))`, initial),
  ]
  if (tokens.colorScheme === 'auto') {
    css.push(
      `@media (prefers-color-scheme: dark) {\n${block(`${root()}:not([${SCHEME_ATTR}="light"]), ${host()}(:not([${SCHEME_ATTR}="light"]):not([${NESTED_ATTR}]))`, dark)}\n}`
    )
  }
  // A host or widget may fix the scheme whatever the tenant default: data-parley-scheme="light|dark".
  css.push(block(`${root('dark')}, ${host('dark')}`, dark))
  css.push(block(`${root('light')}, ${host('light')}`, light))
  css.push(
    `@media (prefers-reduced-motion: reduce) {\n${block(`${root()}, ${host()}`, ['--parley-duration-fast: 0ms;', '--parley-duration-slow: 0ms;'])}\n}`
  )
  return `${css.join('\n')}\n`
}
