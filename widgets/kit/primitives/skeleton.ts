import { css, html } from 'lit'
import { property } from 'lit/decorators.js'
import { ParleyElement } from '../parley-element.js'
import { define } from '../define.js'

/**
 * Placeholder lines shown while content loads; shimmers unless the user prefers reduced motion.
 *
 * @csspart base - The lines' box.
 * @csspart line - Each line.
 */
export class ParleySkeleton extends ParleyElement {
  static styles = [
    ParleyElement.styles,
    css`
      :host {
        display: block;
      }
      [role='progressbar'] {
        display: grid;
        gap: var(--parley-space-2, 8px);
      }
      [part='line'] {
        height: 0.9em;
        border-radius: var(--parley-radius-sm, 4px);
        background: linear-gradient(
          90deg,
          var(--parley-color-surface-muted, #f2f4f8) 0%,
          var(--parley-color-border, #d5dae3) 50%,
          var(--parley-color-surface-muted, #f2f4f8) 100%
        );
        background-size: 200% 100%;
        animation: shimmer calc(var(--parley-duration-slow, 240ms) * 6) linear infinite;
      }
      [part='line']:last-child:not(:first-child) {
        width: 60%;
      }
      @keyframes shimmer {
        to {
          background-position: -200% 0;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        [part='line'] {
          animation: none;
        }
      }
    `,
  ]

  @property({ type: Number }) lines = 3

  render() {
    return html`<div
      part="base"
      role="progressbar"
      aria-busy="true"
      aria-label=${this.t('state.loading')}
    >
      ${Array.from({ length: Math.max(1, this.lines) }, () => html`<div part="line"></div>`)}
    </div>`
  }
}

define('parley-skeleton', ParleySkeleton)

declare global {
  interface HTMLElementTagNameMap {
    'parley-skeleton': ParleySkeleton
  }
}
