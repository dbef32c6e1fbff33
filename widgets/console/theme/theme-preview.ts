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
        container-type: inline-size;
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
        gap: var(--parley-space-3, 12px);
      }
      /* Light and dark side by side from 480 px, the widgets drawn at 80 % so each has the room
         of a 300 px column and more. */
      @container (min-width: 480px) {
        .columns {
          grid-template-columns: 1fr 1fr;
        }
        .stage > :not(parley-launcher) {
          zoom: 0.8;
        }
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
    this.#followStages(false)
  }

  /**
   * The launcher's dock and panel are popovers: the top layer, placed against the window, which
   * no container can hold. They are placed over their stage instead (::part rules in a sheet of
   * this shadow root, so no inline styles) and hidden while the stage is scrolled out of view.
   */
  #launcherSheet = new CSSStyleSheet()
  #frame = 0
  #placeLaunchers = () => {
    cancelAnimationFrame(this.#frame)
    this.#frame = requestAnimationFrame(() => {
      const top = 64 // under the console's sticky header
      const rules = [...this.renderRoot.querySelectorAll<HTMLElement>('.stage')].map((stage) => {
        const rect = stage.getBoundingClientRect()
        const visibleTop = Math.max(rect.top, top)
        const visibleBottom = Math.min(rect.bottom, innerHeight)
        const selector = `.stage[data-scheme='${stage.dataset.scheme}'] parley-launcher`
        if (visibleBottom - visibleTop < 140) return `${selector} { visibility: hidden; }`
        const right = innerWidth - rect.right + 12
        const bottom = innerHeight - visibleBottom + 12
        const panelHeight = Math.max(0, visibleBottom - visibleTop - 56 - 12 - 24)
        return `${selector}::part(dock) { inset: auto ${right}px ${bottom}px auto; }
          ${selector}::part(panel) { inset: auto ${right}px ${bottom + 68}px auto;
            width: ${Math.min(380, rect.width - 24)}px; min-width: 0; max-width: none;
            height: ${panelHeight}px; min-height: 0; max-height: none; resize: none; }`
      })
      this.#launcherSheet.replaceSync(rules.join('\n'))
    })
  }

  #followStages(on: boolean) {
    const root = this.renderRoot as ShadowRoot
    if (on && !root.adoptedStyleSheets.includes(this.#launcherSheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#launcherSheet]
    for (const [target, type] of [
      [window, 'scroll'],
      [window, 'resize'],
    ] as const) {
      if (on) target.addEventListener(type, this.#placeLaunchers, { capture: true, passive: true })
      else target.removeEventListener(type, this.#placeLaunchers, { capture: true })
    }
    if (on) this.#placeLaunchers()
  }

  /**
   * Shows `widget`'s preview. An open launcher takes focus into its panel when it opens: the
   * partner's focus goes back to the button they pressed.
   */
  async show(widget: PreviewWidget, from?: HTMLElement) {
    this.widget = widget
    await this.updateComplete
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve))
    from?.focus()
  }

  updated() {
    this.#followStages(this.widget === 'launcher')
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
              @click=${(event: Event) => this.show(name, event.currentTarget as HTMLElement)}
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
