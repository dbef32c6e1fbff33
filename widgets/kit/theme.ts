/**
 * The tenant's theme as one constructable stylesheet, adopted by every Parley shadow root.
 * Constructable stylesheets are not subject to CSP `style-src`, so themes work on hosts that
 * forbid inline styles. The runtime fills it from `/v1/theme.css`; until then the built-in
 * fallbacks of every component apply.
 */
export const themeSheet = new CSSStyleSheet()

const listeners = new Set<() => void>()
let themeCss = ''
let brandCss = ''

function refresh() {
  themeSheet.replaceSync(`${brandCss}${themeCss}`)
  for (const listener of listeners) listener()
}

/** Replaces the theme CSS; every mounted widget restyles at once. */
export function applyThemeCss(css: string) {
  themeCss = css
  refresh()
}

/**
 * Puts the tenant's font family (a FontFace the runtime registered) first in every widget's
 * `--parley-font-family`, ahead of the theme's stack; `null` takes it away. It lives in the same
 * sheet as the theme, so it holds whenever the theme is replaced.
 */
export function applyBrandFont(family: string | null) {
  const css = family ? `:host { --parley-font-family-brand: "${family}", ; }\n` : ''
  // Unchanged (no font, as on most pages): mounted widgets are left alone.
  if (css === brandCss) return
  brandCss = css
  refresh()
}

export function onThemeChange(listener: () => void) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
