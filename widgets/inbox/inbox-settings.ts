import { css, html } from 'lit'
import { state } from 'lit/decorators.js'
import { ParleyElement } from '../kit/parley-element.js'
import { define } from '../kit/define.js'
import '../kit/primitives/state.js'
// Its strings are the inbox's (inbox.locales.ts), registered by the inbox that opens it; importing
// them here too would split them into a chunk of their own.

/** The settings' sections, in the order they are offered; each one's element is its own chunk. */
export const SETTINGS_SECTIONS = ['channels', 'canned'] as const
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number]

const LOADERS: Record<SettingsSection, () => Promise<unknown>> = {
  // With the QR encoder: fetched the first time it opens.
  channels: () => import('./whatsapp-settings.js'),
  canned: () => import('./canned-responses.js'),
}

/**
 * The inbox's settings, in place of the thread: sections (channels, canned responses) chosen from
 * a row of tabs, each section's code and strings fetched the first time it opens. What a member
 * may change within a section is the section's (and the server's) decision.
 *
 * @csspart base - The settings.
 * @csspart tabs - The row of sections.
 * @csspart panel - The open section.
 */
export class ParleyInboxSettings extends ParleyElement {
  static styles = [
    ParleyElement.styles,
    css`
      :host {
        display: flex;
        flex: 1;
        min-height: 0;
      }
      [part='base'] {
        display: flex;
        flex-direction: column;
        flex: 1;
        min-width: 0;
        min-height: 0;
      }
      [part='tabs'] {
        display: flex;
        gap: var(--parley-space-1, 4px);
        padding: 0 var(--parley-space-3, 12px);
        border-bottom: 1px solid var(--parley-color-border, #d5dae3);
        overflow-x: auto;
      }
      [role='tab'] {
        flex-shrink: 0;
        padding: var(--parley-space-2, 8px) var(--parley-space-2, 8px);
        margin-bottom: -1px;
        border: 0;
        border-bottom: 2px solid transparent;
        background: none;
        color: var(--parley-color-on-surface-muted, #586174);
        font: inherit;
        font-weight: var(--parley-font-weight-strong, 600);
        cursor: pointer;
      }
      [role='tab']:hover {
        color: var(--parley-color-on-surface, #18202f);
      }
      [role='tab'][aria-selected='true'] {
        color: var(--parley-color-primary, #2f5bd3);
        border-bottom-color: currentColor;
      }
      [role='tab']:focus-visible {
        outline-offset: -2px;
      }
      [part='panel'] {
        display: flex;
        flex-direction: column;
        flex: 1;
        min-height: 0;
      }
      [part='panel'] > * {
        flex: 1;
        min-height: 0;
      }
    `,
  ]

  /** The open section. */
  @state() section: SettingsSection = 'channels'
  @state() private loaded = new Set<SettingsSection>()

  connectedCallback() {
    super.connectedCallback()
    void this.#open(this.section)
  }

  async #open(section: SettingsSection, focus = false) {
    this.section = section
    if (!this.loaded.has(section)) {
      await LOADERS[section]()
      this.loaded = new Set([...this.loaded, section])
    }
    if (focus) {
      await this.updateComplete
      this.renderRoot.querySelector<HTMLElement>(`#tab-${section}`)?.focus()
    }
  }

  /** Arrows, Home and End move between tabs (and open them: each is cheap once loaded). */
  #onKeydown(event: KeyboardEvent) {
    const index = SETTINGS_SECTIONS.indexOf(this.section)
    const last = SETTINGS_SECTIONS.length - 1
    const ahead = getComputedStyle(this).direction === 'rtl' ? -1 : 1
    const next: Record<string, number> = {
      ArrowRight: index + ahead,
      ArrowLeft: index - ahead,
      Home: 0,
      End: last,
    }
    if (!(event.key in next)) return
    event.preventDefault()
    const to = (next[event.key] + SETTINGS_SECTIONS.length) % SETTINGS_SECTIONS.length
    void this.#open(SETTINGS_SECTIONS[to], true)
  }

  render() {
    const label = (s: SettingsSection) =>
      this.t(s === 'channels' ? 'inbox.channels' : 'inbox.canned')
    return html`<div part="base">
      <div
        part="tabs"
        role="tablist"
        aria-label=${this.t('inbox.settingsSections')}
        @keydown=${this.#onKeydown}
      >
        ${SETTINGS_SECTIONS.map(
          (s) =>
            html`<button
              type="button"
              role="tab"
              id="tab-${s}"
              aria-selected=${String(s === this.section)}
              aria-controls="panel"
              tabindex=${s === this.section ? 0 : -1}
              @click=${() => this.#open(s)}
            >
              ${label(s)}
            </button>`
        )}
      </div>
      <div part="panel" id="panel" role="tabpanel" aria-labelledby="tab-${this.section}">
        ${
          !this.loaded.has(this.section)
            ? html`<parley-state kind="loading"></parley-state>`
            : this.section === 'channels'
              ? html`<parley-whatsapp-settings .locale=${this.locale}></parley-whatsapp-settings>`
              : html`<parley-canned-responses .locale=${this.locale}></parley-canned-responses>`
        }
      </div>
    </div>`
  }
}

define('parley-inbox-settings', ParleyInboxSettings)

declare global {
  interface HTMLElementTagNameMap {
    'parley-inbox-settings': ParleyInboxSettings
  }
}
