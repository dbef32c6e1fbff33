import { expect } from '@open-wc/testing'
import { applyThemeCss } from '../theme.js'
import { compileTheme } from '../../../themes/compile.js'
import { setLocale } from '../localize.js'

/** Shared checks every Parley element must pass (HOUSE-STYLE: widgets/kit/test). */

/** A change of the primary colour token reaches `target`'s computed `property`. */
export async function expectThemeReaches(
  target: () => Element,
  property: string,
  role: 'primary' | 'surface' | 'danger' = 'primary'
) {
  applyThemeCss(compileTheme({ colorScheme: 'light', color: { light: { [role]: '#123456' } } }))
  await new Promise(requestAnimationFrame)
  expect(getComputedStyle(target()).getPropertyValue(property)).to.equal('rgb(18, 52, 86)')
  applyThemeCss(compileTheme({ colorScheme: 'light', color: { light: { [role]: '#654321' } } }))
  await new Promise(requestAnimationFrame)
  expect(getComputedStyle(target()).getPropertyValue(property)).to.equal('rgb(101, 67, 33)')
  applyThemeCss('')
}

/** `text()` reads `english` in English and `spanish` once the page locale is Spanish. */
export async function expectTranslated(
  element: { updateComplete: Promise<unknown> },
  text: () => string,
  english: string,
  spanish: string
) {
  setLocale('en')
  await element.updateComplete
  expect(text()).to.contain(english)
  setLocale('es')
  await element.updateComplete
  expect(text()).to.contain(spanish)
  setLocale(undefined)
  await element.updateComplete
}

/** `run` dispatches `type` from inside the shadow root; it must reach `document`. */
export async function expectEventReachesDocument(type: string, run: () => unknown) {
  let received: Event | undefined
  const listener = (event: Event) => (received = event)
  document.addEventListener(type, listener)
  try {
    await run()
    await new Promise((r) => setTimeout(r, 0))
  } finally {
    document.removeEventListener(type, listener)
  }
  expect(received, `${type} did not reach document`).to.exist
  expect(received!.composed).to.equal(true)
  return received!
}

/** The deepest focused element, through shadow roots. */
export function deepFocus(): Element | null {
  let active = document.activeElement
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
  return active
}
