/**
 * The tenant's theme as one constructable stylesheet, adopted by every Parley shadow root.
 * Constructable stylesheets are not subject to CSP `style-src`, so themes work on hosts that
 * forbid inline styles. The runtime fills it from `/v1/theme.css`; until then the built-in
 * fallbacks of every component apply.
 */
export const themeSheet = new CSSStyleSheet()

const listeners = new Set<() => void>()

/** Replaces the theme CSS; every mounted widget restyles at once. */
export function applyThemeCss(css: string) {
  themeSheet.replaceSync(css)
  for (const listener of listeners) listener()
}

export function onThemeChange(listener: () => void) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
