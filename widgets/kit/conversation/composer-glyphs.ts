import { html, svg } from 'lit'

/** Drawn, not typed: emoji glyphs depend on the fonts a machine has. */
const icon = (path: ReturnType<typeof svg>) =>
  html`<svg
    viewBox="0 0 24 24"
    width="18"
    height="18"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
    aria-hidden="true"
  >
    ${path}
  </svg>`
export const ICONS = {
  attach: icon(
    svg`<path d="M21 11.5l-8.6 8.6a5 5 0 0 1-7.1-7.1l8.6-8.6a3.3 3.3 0 0 1 4.7 4.7l-8.6 8.6a1.7 1.7 0 0 1-2.4-2.4l7.9-7.9"/>`
  ),
  smile: icon(
    svg`<circle cx="12" cy="12" r="9"/><path d="M8 14s1.5 2 4 2 4-2 4-2"/><path d="M9 9h.01M15 9h.01"/>`
  ),
}

/** A small, dependency-free set: the emoji people reach for in support conversations. */
export const EMOJI =
  '😀 😊 😂 🙂 😉 😍 🤔 😅 😢 😮 😡 🙏 👍 👎 👏 🙌 👋 💪 🎉 ✅ ❌ ⚠️ ❤️ 🔥 ⭐ 📦 🚚 💳 📅 ⏰ 📎 📞'.split(
    ' '
  )
