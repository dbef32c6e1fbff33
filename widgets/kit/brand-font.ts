/**
 * The tenant's own font for the widgets: one FontFace per page, registered in
 * `document.fonts`, which every shadow root shares (no stylesheet, so no CSP `style-src`). Its
 * family is named after the font's address, never after the tenant or the host's fonts, so it
 * cannot take over a family the host page uses.
 */

const registered = new Map<string, FontFace>()

/** A family name for the font at `url`: the same on every load, unlikely to be anyone else's. */
export function brandFontFamily(url: string) {
  // FNV-1a: short and stable; collisions only matter between two fonts of one page.
  let hash = 0x811c9dc5
  for (let i = 0; i < url.length; i++) hash = Math.imul(hash ^ url.charCodeAt(i), 0x01000193)
  return `brand-${(hash >>> 0).toString(36)}`
}

/**
 * Registers the font at `url` once per page and returns its family, or null where it cannot be
 * (not an http(s) address, no FontFace API). A font that fails to load leaves the family
 * unresolved, and the browser uses the next one in the stack: nothing else to do.
 */
export function registerBrandFont(url: string): string | null {
  let href: string
  try {
    const parsed = new URL(url)
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null
    // Serialised, the address has no quote or line break left to end the CSS string early.
    href = parsed.href
  } catch {
    return null
  }
  if (typeof FontFace === 'undefined' || !document.fonts) return null
  const family = brandFontFamily(href)
  // Another copy of the kit on the page (a second bundle) may have registered it already.
  const present = [...document.fonts].some((f) => f.family.replace(/"/g, '') === family)
  if (!registered.has(family) && !present) {
    // `swap`: text shows at once in the fallback font and takes the tenant's when it arrives.
    const face = new FontFace(family, `url("${href}")`, { display: 'swap' })
    registered.set(family, face)
    document.fonts.add(face)
    face.load().catch(() => {})
  }
  return family
}
