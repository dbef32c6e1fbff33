import { css, html, nothing } from 'lit'
import { property } from 'lit/decorators.js'
import { ParleyElement } from '../parley-element.js'
import { define } from '../define.js'

/**
 * A count badge ("3", "99+"). Hidden when the count is 0; announces its meaning to screen readers.
 *
 * @csspart base - The badge.
 * @cssproperty --parley-badge-background - Background (default: the danger colour).
 * @cssproperty --parley-badge-color - Text colour.
 */
export class ParleyBadge extends ParleyElement {
  static styles = [
    ParleyElement.styles,
    css`
      :host {
        display: inline-flex;
      }
      [part='base'] {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        min-width: 20px;
        height: 20px;
        padding: 0 6px;
        border-radius: var(--parley-radius-pill, 999px);
        background: var(--parley-badge-background, var(--parley-color-danger, #c2261f));
        color: var(--parley-badge-color, var(--parley-color-on-danger, #ffffff));
        font-size: var(--parley-font-size-xs, 11px);
        font-weight: var(--parley-font-weight-strong, 600);
        line-height: 1;
      }
    `,
  ]

  @property({ type: Number }) count = 0
  /** Above this, the badge shows "max+". */
  @property({ type: Number }) max = 99

  render() {
    if (!this.count || this.count < 0) return nothing
    const overflow = this.count > this.max
    const label = overflow
      ? this.t('badge.overflow', { max: this.max })
      : this.t('badge.count', { count: this.count })
    return html`<span part="base" role="status" aria-label=${label}
      >${overflow ? `${this.max}+` : this.count}</span
    >`
  }
}

define('parley-badge', ParleyBadge)

declare global {
  interface HTMLElementTagNameMap {
    'parley-badge': ParleyBadge
  }
}
