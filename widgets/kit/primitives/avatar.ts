import { css, html } from 'lit'
import { property, state } from 'lit/decorators.js'
import { ParleyElement } from '../parley-element.js'
import { define } from '../define.js'

/** Up to two initials of a name ("Ana Lima" → "AL"), for avatars without a picture. */
export function initials(name: string): string {
  // Words of letters or digits only: "Ana Lima (you)" → "AL", not "A(".
  const words = name
    .trim()
    .split(/\s+/)
    .filter((word) => /^[\p{L}\p{N}]/u.test(word))
  // A name of signs alone ("#" for a number) is drawn as it is.
  if (!words.length) return [...name.trim()][0] ?? '?'
  const letters =
    words.length === 1 ? [...words[0]].slice(0, 2) : [[...words[0]][0], [...words.at(-1)!][0]]
  return letters.join('').toUpperCase()
}

/**
 * A person's picture, or their initials when there is none or it fails to load.
 *
 * @csspart base - The circle.
 * @cssproperty --parley-avatar-size - Diameter (default 32px).
 */
export class ParleyAvatar extends ParleyElement {
  static styles = [
    ParleyElement.styles,
    css`
      :host {
        display: inline-block;
        --_size: var(--parley-avatar-size, 32px);
      }
      :host([size='sm']) {
        --_size: var(--parley-avatar-size, 24px);
      }
      :host([size='lg']) {
        --_size: var(--parley-avatar-size, 48px);
      }
      [part='base'] {
        display: grid;
        place-items: center;
        width: var(--_size);
        height: var(--_size);
        overflow: hidden;
        border-radius: 50%;
        background: var(--parley-color-surface-muted, #f2f4f8);
        color: var(--parley-color-on-surface-muted, #586174);
        font-size: calc(var(--_size) * 0.4);
        font-weight: var(--parley-font-weight-strong, 600);
      }
      img {
        width: 100%;
        height: 100%;
        object-fit: cover;
      }
    `,
  ]

  @property() name = ''
  @property() src?: string
  @property({ reflect: true }) size: 'sm' | 'md' | 'lg' = 'md'
  @state() private failed = false

  willUpdate(changed: Map<string, unknown>) {
    if (changed.has('src')) this.failed = false
  }

  render() {
    const label = this.t('avatar.of', { name: this.name || '?' })
    return html`<span part="base" role="img" aria-label=${label}>
      ${
        this.src && !this.failed
          ? html`<img src=${this.src} alt="" @error=${() => (this.failed = true)} />`
          : html`<span aria-hidden="true">${initials(this.name)}</span>`
      }
    </span>`
  }
}

define('parley-avatar', ParleyAvatar)

declare global {
  interface HTMLElementTagNameMap {
    'parley-avatar': ParleyAvatar
  }
}
