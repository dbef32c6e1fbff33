import { html, css } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles } from './console-element.js'
import { baseStyles } from '../kit/styles.js'

/** A page whose console UI is not built yet: says so plainly, with no made-up data. */
@customElement('console-coming')
export class ConsoleComing extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    css`
      :host {
        display: block;
      }
      .card {
        display: grid;
        gap: var(--parley-space-3, 12px);
        max-width: 60ch;
      }
    `,
  ]

  /** The page's name, translated. */
  @property() page = ''

  render() {
    return html`<section class="card" part="base" aria-labelledby="title">
      <h1 id="title">${this.t('console.coming.title', { page: this.page })}</h1>
      <p>${this.t('console.coming.body')}</p>
      <p><a href="/docs/api">${this.t('console.coming.api')}</a></p>
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-coming': ConsoleComing
  }
}
