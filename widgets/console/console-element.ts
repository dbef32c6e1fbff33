import { LitElement, css, html, nothing, type CSSResultGroup } from 'lit'
import { baseStyles } from '../kit/styles.js'
import { localeFor, onLocaleChange, translate, type MessageKey } from '../kit/localize.js'
import { compileTheme } from '../../themes/compile.js'
import { ConsoleApiError } from './api.js'
import './console.locales.js'

/**
 * The console's own look: Parley's default tokens, on the document (`:root`), so every console
 * element inherits them. Console elements do not adopt the kit's shared theme sheet: that sheet
 * holds the draft being edited, and styles only the preview's widgets.
 */
export const consoleSheet = new CSSStyleSheet()
consoleSheet.replaceSync(
  `${compileTheme({ colorScheme: 'auto' })}
  html { background: var(--parley-color-surface-muted); color: var(--parley-color-on-surface);
    font-family: var(--parley-font-family); }
  body { margin: 0; }`
)

/** Adds the console's look to the page (once). */
export function adoptConsoleSheet(doc: Document = document) {
  if (!doc.adoptedStyleSheets.includes(consoleSheet))
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, consoleSheet]
}

/** Fixes the console's scheme (`light`/`dark`), or follows the system (undefined). */
export function setConsoleScheme(scheme: 'light' | 'dark' | undefined) {
  if (scheme) document.documentElement.dataset.parleyScheme = scheme
  else delete document.documentElement.dataset.parleyScheme
}

export const consoleStyles = css`
  h1,
  h2,
  h3 {
    margin: 0;
    font-weight: var(--parley-font-weight-strong, 600);
    line-height: 1.25;
  }
  h1 {
    font-size: var(--parley-font-size-xxl, 24px);
  }
  h2 {
    font-size: var(--parley-font-size-xl, 20px);
  }
  h3 {
    font-size: var(--parley-font-size-lg, 16px);
  }
  p {
    margin: 0;
  }
  label {
    font-weight: var(--parley-font-weight-strong, 600);
    font-size: var(--parley-font-size-sm, 13px);
  }
  input,
  select,
  button {
    font: inherit;
    color: inherit;
  }
  input:not([type='color']):not([type='checkbox']):not([type='radio']),
  select {
    min-height: 40px;
    padding: 0 var(--parley-space-3, 12px);
    border: 1px solid var(--parley-color-border, #d5dae3);
    border-radius: var(--parley-radius-md, 8px);
    background: var(--parley-color-surface, #fff);
    min-width: 0;
  }
  input[aria-invalid='true'] {
    border-color: var(--parley-color-danger, #c2261f);
    box-shadow: 0 0 0 1px var(--parley-color-danger, #c2261f);
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--parley-space-2, 8px);
    min-height: 40px;
    padding: 0 var(--parley-space-4, 16px);
    border: 1px solid var(--parley-color-border, #d5dae3);
    border-radius: var(--parley-radius-md, 8px);
    background: var(--parley-color-surface, #fff);
    cursor: pointer;
    text-decoration: none;
    white-space: nowrap;
  }
  .button.primary {
    background: var(--parley-color-primary, #2f5bd3);
    border-color: var(--parley-color-primary, #2f5bd3);
    color: var(--parley-color-on-primary, #fff);
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .button.link {
    border-color: transparent;
    background: none;
    color: var(--parley-color-primary, #2f5bd3);
    padding: 0 var(--parley-space-1, 4px);
    text-decoration: underline;
  }
  .button[disabled] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .hint {
    color: var(--parley-color-on-surface-muted, #586174);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .error {
    color: var(--parley-color-danger, #c2261f);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .alert {
    padding: var(--parley-space-3, 12px) var(--parley-space-4, 16px);
    border-radius: var(--parley-radius-md, 8px);
    border: 1px solid var(--parley-color-danger, #c2261f);
    background: var(--parley-color-surface, #fff);
    color: var(--parley-color-on-surface, #18202f);
  }
  .alert.ok {
    border-color: var(--parley-color-success, #1d7a43);
  }
  .card {
    background: var(--parley-color-surface, #fff);
    border: 1px solid var(--parley-color-border, #d5dae3);
    border-radius: var(--parley-radius-lg, 14px);
    padding: var(--parley-space-5, 20px);
  }
`

/**
 * Base of the console's elements: Lit with the kit's base styles and translation layer, but not
 * the kit's theme sheet (see consoleSheet).
 */
export class ConsoleElement extends LitElement {
  static styles: CSSResultGroup = [baseStyles, consoleStyles]

  #unsubscribe?: () => void

  connectedCallback() {
    super.connectedCallback()
    this.#unsubscribe = onLocaleChange(() => this.requestUpdate())
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.#unsubscribe?.()
  }

  protected t(key: MessageKey, params?: Record<string, string | number>) {
    return translate(localeFor(), key, params)
  }

  /** Moves focus to `selector` once the change under way is drawn (a step, a confirmation). */
  protected async focusWhenDrawn(selector: string) {
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus()
  }

  /** What a page shows while its data is on the way. */
  protected loadingStatus() {
    return html`<p role="status">${this.t('console.loading')}</p>`
  }

  /** The words for a page whose data could not be read. */
  protected loadFailedText(error: unknown) {
    return this.t('console.settings.loadFailed', { message: (error as Error).message })
  }

  /** The words for a change that failed: a 403 says the role may not make it. */
  protected saveFailedText(error: unknown) {
    if (error instanceof ConsoleApiError && error.status === 403)
      return this.t('console.settings.forbidden')
    return this.t('console.settings.saveFailed', { message: (error as Error).message })
  }
}

/** What a page says after a change: it was done (ok) or why it failed (error). */
export interface PageMessage {
  kind: 'ok' | 'error'
  text: string
}

/** A page's title and the line under it (its `base` part). */
export const pageHead = (title: string, intro: string) =>
  html`<div part="base">
    <h1>${title}</h1>
    <p class="hint">${intro}</p>
  </div>`

/** A page's message (#message): a status when it went well, an alert when it failed. */
export const pageMessage = (message: PageMessage | undefined) =>
  message
    ? html`<p
        class="alert ${message.kind}"
        id="message"
        role=${message.kind === 'ok' ? 'status' : 'alert'}
      >
        ${message.text}
      </p>`
    : nothing

/**
 * Settings tables on narrow screens: each row a block of lines, the header hidden, each cell
 * with a data-label named by it.
 */
export const stackedTableStyles = css`
  @media (max-width: 700px) {
    table,
    tbody,
    tr,
    td {
      display: block;
    }
    thead {
      display: none;
    }
    tr {
      padding-block: var(--parley-space-2, 8px);
      border-bottom: 1px solid var(--parley-color-border);
    }
    td {
      border: 0;
      padding: 2px 0;
    }
    td[data-label]::before {
      content: attr(data-label) ': ';
      color: var(--parley-color-on-surface-muted);
      font-size: var(--parley-font-size-sm, 13px);
    }
  }
`
