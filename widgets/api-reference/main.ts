/**
 * The API reference page (GET /docs/api): Scalar's renderer, bundled by bin/build_api_reference.ts
 * and configured from the page's mount element, so the page needs no inline script.
 */
import '@scalar/api-reference/style.css'
import './strict_csp.css'
import './zod-jitless.js'

// Loaded after Zod is set up: modules of the renderer parse schemas as they are evaluated, and
// static imports would be evaluated first.
const { createApiReference } = await import('@scalar/api-reference')

const mount = document.querySelector<HTMLElement>('#api-reference')!

createApiReference(mount, {
  url: mount.dataset.specUrl,
  // "Try it" goes to the server that serves this page, whatever the document's servers say: the
  // page's connect-src is 'self'.
  servers: [{ url: window.location.origin, description: 'This server' }],
  hideTestRequestButton: mount.dataset.tryIt !== 'on',
  // Offline: no web fonts, no telemetry, no hosted extras.
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: true,
  showDeveloperTools: 'never',
  agent: { disabled: true },
  mcp: { disabled: true },
  documentDownloadType: 'json',
})
