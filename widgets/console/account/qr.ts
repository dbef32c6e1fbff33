import { html, svg } from 'lit'
import { encode } from 'uqr'

/**
 * A QR code as one inline SVG path (no image request, no style attribute: the console's CSP
 * holds), dark on white whatever the console's scheme, as scanners expect.
 */
export function qrCode(text: string, label: string) {
  const { data, size } = encode(text, { border: 2 })
  let d = ''
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`
    })
  )
  return html`<svg class="qr" viewBox="0 0 ${size} ${size}" role="img" aria-label=${label}>
    ${svg`<rect width=${size} height=${size} fill="#fff"/><path d=${d} fill="#000"/>`}
  </svg>`
}
