import { expect } from '@open-wc/testing'
import { contrastRatio, AA_NORMAL_TEXT } from '../../../themes/contrast.js'
import { compileTheme } from '../../../themes/compile.js'
import { applyThemeCss } from '../theme.js'

/** Test helpers of the controls (imported by their *.test.ts only). */

/** `rgb(r, g, b)` / `rgba(…)` as #rrggbb. */
export function hex(color: string): string {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).map(Number)
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`
}

/** The colour painted behind `element`: its own background, or the nearest ancestor's (flat tree). */
export function paintedBackground(element: Element): string {
  let node: Element | null = element
  while (node) {
    const background = getComputedStyle(node).backgroundColor
    if (background && !/rgba\(.*,\s*0\)$/.test(background) && background !== 'transparent')
      return hex(background)
    node =
      node.assignedSlot ?? node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null)
  }
  return '#ffffff'
}

/** The text of `element` reaches WCAG AA against what is painted behind it. */
export function expectReadable(element: Element, what: string) {
  const text = hex(getComputedStyle(element).color)
  const background = paintedBackground(element)
  const ratio = contrastRatio(text, background)
  expect(ratio, `${what}: ${text} on ${background} is ${ratio.toFixed(2)}:1`).to.be.at.least(
    AA_NORMAL_TEXT
  )
}

/** The default theme, light by default, so data-parley-scheme="dark" on an element turns it dark. */
export function useDefaultTheme() {
  applyThemeCss(compileTheme({ colorScheme: 'light' }))
}

/**
 * A page area painted as a dark-scheme widget would be (the control sits on its container's
 * surface), holding `element`.
 */
export function onDarkSurface(element: Element) {
  const surface = document.createElement('div')
  // The surface colour the element's own (dark) theme defines.
  const color = getComputedStyle(element).getPropertyValue('--parley-color-surface').trim()
  surface.style.setProperty('background', color)
  surface.style.setProperty('padding', '8px')
  element.replaceWith(surface)
  surface.append(element)
  return element
}

/** A keyboard key press ends after the element's update. */
export const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve))
