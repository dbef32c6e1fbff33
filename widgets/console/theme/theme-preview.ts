import { html, css, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles } from '../console-element.js'
import { baseStyles } from '../../kit/styles.js'
import { localeFor, onLocaleChange, type MessageKey } from '../../kit/localize.js'
import { installPreviewApi } from './preview-api.js'
import '../../launcher/launcher.js'
import '../../inbox/inbox.js'
import '../../chat/chat.js'
import '../../campaigns/campaigns.js'
import '../../billing/billing.js'
import '../../recorder/recorder.js'

export const PREVIEW_WIDGETS = [
  'inbox',
  'chat',
  'launcher',
  'campaigns',
  'billing',
  'recorder',
] as const
export type PreviewWidget = (typeof PREVIEW_WIDGETS)[number]

/**
 * The real widgets, side by side in the light and the dark scheme, on sample data
 * (preview-api.ts). They adopt the kit's shared theme sheet, which the editor fills with the
 * draft, and each is fixed to its column's scheme (data-parley-scheme).
 */
@customElement('console-theme-preview')
export class ConsoleThemePreview extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    css`
      :host {
        display: grid;
        gap: var(--parley-space-3, 12px);
      }
      .pick {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-1, 4px);
      }
      .pick .button {
        min-height: 32px;
        padding: 0 var(--parley-space-3, 12px);
      }
      .pick .button[aria-pressed='true'] {
        background: var(--parley-color-primary);
        border-color: var(--parley-color-primary);
        color: var(--parley-color-on-primary);
      }
      .columns {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr));
        gap: var(--parley-space-3, 12px);
      }
      figure {
        margin: 0;
        display: grid;
        gap: var(--parley-space-1, 4px);
      }
      figcaption {
        font-size: var(--parley-font-size-sm, 13px);
        color: var(--parley-color-on-surface-muted);
      }
      .stage {
        position: relative;
        height: 560px;
        overflow: auto;
        border-radius: var(--parley-radius-lg, 14px);
        border: 1px solid var(--parley-color-border);
        /* Fixed-position widgets (the launcher) are placed inside the stage, not the window. */
        transform: translateZ(0);
        padding: var(--parley-space-3, 12px);
      }
      .stage.light {
        background: #eef0f4;
      }
      .stage.dark {
        background: #07090d;
      }
      .stage > * {
        display: block;
        height: 100%;
      }
      .stage > parley-launcher,
      .stage > parley-billing,
      .stage > parley-campaigns,
      .stage > parley-recorder {
        height: auto;
      }
      .launcher-page {
        padding: var(--parley-space-3, 12px);
        font-size: var(--parley-font-size-sm);
      }
    `,
  ]

  @property() widget: PreviewWidget = 'inbox'

  #unsubscribe?: () => void

  connectedCallback() {
    super.connectedCallback()
    installPreviewApi(localeFor())
    // configure() sets the kit's locale too: keep it the console's.
    this.#unsubscribe = onLocaleChange(() => {
      if (localeFor() !== this.#locale) {
        this.#locale = localeFor()
        installPreviewApi(this.#locale)
      }
    })
  }

  #locale = localeFor()

  disconnectedCallback() {
    super.disconnectedCallback()
    this.#unsubscribe?.()
  }

  render() {
    return html`
      <div class="pick" role="group" aria-label=${this.t('console.theme.widget')} part="base">
        ${PREVIEW_WIDGETS.map(
          (name) =>
            html`<button
              class="button"
              type="button"
              aria-pressed=${name === this.widget}
              data-widget=${name}
              @click=${() => (this.widget = name)}
            >
              ${this.t(`console.preview.${name}` as MessageKey)}
            </button>`
        )}
      </div>
      <p class="hint">${this.t('console.theme.previewNote')}</p>
      <div class="columns">
        ${(['light', 'dark'] as const).map(
          (scheme) =>
            html`<figure>
              <figcaption>
                ${this.t(scheme === 'light' ? 'console.theme.previewLight' : 'console.theme.previewDark')}
              </figcaption>
              <div class="stage ${scheme}" data-scheme=${scheme}>${this.#widget(scheme)}</div>
            </figure>`
        )}
      </div>
    `
  }

  #widget(scheme: 'light' | 'dark') {
    switch (this.widget) {
      case 'inbox':
        return html`<parley-inbox data-parley-scheme=${scheme}></parley-inbox>`
      case 'chat':
        return html`<parley-chat workspace="demo-co" data-parley-scheme=${scheme}></parley-chat>`
      case 'campaigns':
        return html`<parley-campaigns data-parley-scheme=${scheme}></parley-campaigns>`
      case 'billing':
        return html`<parley-billing data-parley-scheme=${scheme}></parley-billing>`
      case 'recorder':
        return html`<parley-recorder data-parley-scheme=${scheme}></parley-recorder>`
      case 'launcher':
        return html`<parley-launcher data-parley-scheme=${scheme} label="Acme help" unread="2" open>
          <div class="launcher-page">${this.t('console.theme.previewNote')}</div>
        </parley-launcher>`
      default:
        return nothing
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-theme-preview': ConsoleThemePreview
  }
}
