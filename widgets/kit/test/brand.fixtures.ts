/**
 * A made-up reseller's brand for stories and screenshots: what GET /v1/embed/config says of a
 * tenant that set a display name and a logo in the console's Branding page.
 */

/** A square mark, as most tenants' logos in a title bar are. */
export const DEMO_LOGO = `data:image/svg+xml,${encodeURIComponent(
  `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
    <rect x="2" y="2" width="28" height="28" rx="8" fill="#0b7a5a"/>
    <path d="M10 23V9l12 14V9" fill="none" stroke="#fff" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"/>
  </svg>`
)}`

/** A wordmark drawn for a white background (dark ink): the widest a logo gets. */
export const DEMO_WORDMARK = `data:image/svg+xml,${encodeURIComponent(
  `<svg xmlns="http://www.w3.org/2000/svg" width="132" height="32" viewBox="0 0 132 32">
    <rect x="1" y="3" width="26" height="26" rx="7" fill="#0b7a5a"/>
    <path d="M8 22V10l12 12V10" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/>
    <text x="34" y="22.5" font-family="Liberation Sans, Arial, sans-serif" font-size="17" font-weight="700" fill="#14213d">northwind</text>
  </svg>`
)}`

/** Publishable keys of stories' tenants with a logo (the embed config is cached per key). */
export const BRANDED_KEY = 'pk_storybook_branded'
export const WORDMARK_KEY = 'pk_storybook_wordmark'

const LOGOS: Record<string, string> = { [BRANDED_KEY]: DEMO_LOGO, [WORDMARK_KEY]: DEMO_WORDMARK }

/** The embed config's answer for `key`: a branded tenant, or one with no logo. */
export function demoEmbedConfig(key: string | null) {
  return {
    tenant: { name: 'Northwind', logoUrl: LOGOS[key ?? ''] ?? null, fontUrl: null },
    elementPrefix: null,
    parleyElements: true,
    widgets: ['chat', 'inbox'],
    theme: { tokens: {} },
    locale: 'en',
    realtimeUrl: '',
  }
}
