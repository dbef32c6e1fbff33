import { html } from 'lit'

/** Small inline icons (SVG in the template: nothing to fetch, nothing for CSP to block). */
export const chevronIcon = html`<svg class="chevron" viewBox="0 0 16 16" aria-hidden="true">
  <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" stroke-width="1.6" />
</svg>`

export const checkIcon = html`<svg class="check" viewBox="0 0 16 16" aria-hidden="true">
  <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" stroke-width="1.8" />
</svg>`

export const closeIcon = html`<svg class="x" viewBox="0 0 16 16" aria-hidden="true">
  <path d="M4.5 4.5l7 7m0-7l-7 7" fill="none" stroke="currentColor" stroke-width="1.6" />
</svg>`

export const calendarIcon = html`<svg class="calendar" viewBox="0 0 16 16" aria-hidden="true">
  <rect
    x="2"
    y="3"
    width="12"
    height="11"
    rx="2"
    fill="none"
    stroke="currentColor"
    stroke-width="1.4"
  />
  <path d="M2 6.5h12M5.5 1.5v3m5-3v3" fill="none" stroke="currentColor" stroke-width="1.4" />
</svg>`
