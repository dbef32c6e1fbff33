import { css, html, nothing, svg } from 'lit'
import { state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { encode } from 'uqr'
import { ParleyElement } from '../kit/parley-element.js'
import { define } from '../kit/define.js'
import { api, realtime } from '../kit/runtime.js'
import type { ParleyApiError } from '../kit/errors.js'
import type { ParleyEvent } from '../kit/realtime/realtime.js'
import '../kit/primitives/button.js'
import './whatsapp-settings.locales.js'
import type { Me, Page } from './inbox.types.js'

interface WhatsAppNumber {
  id: string
  label: string
  phone: string | null
  status: 'connecting' | 'qr' | 'open' | 'closed' | 'logged_out'
  error: string | null
  qr: string | null
  pairingCode: string | null
  pacing: {
    minIntervalSeconds: number
    jitterSeconds: number
    dailyCap: number
    warmupDays: number
  }
}

/** The QR WhatsApp shows to link a device, drawn as one SVG path (no image, no style attribute). */
function qrCode(text: string, label: string) {
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

/**
 * The inbox's channel settings for WhatsApp: the workspace's numbers and their live state; to
 * connect one, its QR code (redrawn as WhatsApp rotates it) or a pairing code for a phone number;
 * reconnect after a logout, remove. Admins and owners change things; others see the states.
 *
 * @csspart base - The settings.
 * @csspart numbers - The list of numbers.
 */
export class ParleyWhatsAppSettings extends ParleyElement {
  static styles = [
    ParleyElement.styles,
    css`
      :host {
        display: block;
        padding: var(--parley-space-3, 12px);
        overflow-y: auto;
        --_border: var(--parley-color-border, #d5dae3);
        --_muted: var(--parley-color-on-surface-muted, #586174);
      }
      h2 {
        margin: 0 0 var(--parley-space-3, 12px);
        font-size: var(--parley-font-size-lg, 16px);
      }
      [part='numbers'] {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--parley-space-3, 12px);
      }
      [part='numbers'] > li {
        display: grid;
        gap: var(--parley-space-2, 8px);
        padding: var(--parley-space-3, 12px);
        border: 1px solid var(--_border);
        border-radius: var(--parley-radius-md, 8px);
      }
      .head {
        display: flex;
        justify-content: space-between;
        gap: var(--parley-space-2, 8px);
        align-items: baseline;
      }
      .state {
        font-size: var(--parley-font-size-sm, 13px);
        color: var(--_muted);
      }
      .state.open {
        color: var(--parley-color-success, #1b7f3b);
      }
      .state.logged_out,
      .error {
        color: var(--parley-color-danger, #c62828);
      }
      .qr {
        width: 220px;
        height: 220px;
        max-width: 100%;
      }
      .hint,
      .pacing {
        color: var(--_muted);
        font-size: var(--parley-font-size-sm, 13px);
        margin: 0;
      }
      .code {
        font:
          600 24px/1.2 ui-monospace,
          monospace;
        letter-spacing: 0.15em;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-2, 8px);
        align-items: center;
      }
      input {
        font: inherit;
        color: inherit;
        background: var(--parley-color-surface, #ffffff);
        border: 1px solid var(--_border);
        border-radius: var(--parley-radius-md, 8px);
        padding: var(--parley-space-1, 4px) var(--parley-space-2, 8px);
      }
      .actions {
        display: flex;
        gap: var(--parley-space-2, 8px);
      }
    `,
  ]

  @state() private numbers: WhatsAppNumber[] = []
  @state() private me?: Me
  @state() private problem?: string

  #unsubscribe?: () => Promise<void>

  connectedCallback() {
    super.connectedCallback()
    void this.#load()
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    void this.#unsubscribe?.()
  }

  get #canManage() {
    return this.me?.member.role === 'owner' || this.me?.member.role === 'admin'
  }

  async #load() {
    try {
      this.me = await api().request<Me>('/v1/me')
      const page = await api().request<Page<WhatsAppNumber>>('/v1/whatsapp/numbers')
      this.numbers = page.data
      const channel = `tenants/${this.me.tenant.id}/workspaces/${this.me.workspaceId}/whatsapp`
      const client = await realtime()
      this.#unsubscribe = await client.subscribe(channel, (event) => this.#onEvent(event))
    } catch (error) {
      this.#report(error)
    }
  }

  #onEvent(event: ParleyEvent) {
    if (event.type !== 'whatsapp.status') return
    const data = event.data as Partial<WhatsAppNumber> & { numberId: string; removed?: boolean }
    if (data.removed) {
      this.numbers = this.numbers.filter((n) => n.id !== data.numberId)
      return
    }
    this.numbers = this.numbers.map((n) =>
      n.id === data.numberId
        ? {
            ...n,
            status: data.status ?? n.status,
            phone: data.phone ?? n.phone,
            error: data.error ?? null,
            qr: data.status === 'qr' ? (data.qr ?? n.qr) : null,
            pairingCode: data.status === 'qr' ? (data.pairingCode ?? n.pairingCode) : null,
          }
        : n
    )
  }

  #report(error: unknown) {
    const e = error as ParleyApiError
    this.problem = e.details?.[0]?.message ?? e.message
  }

  async #call<T>(path: string, method: 'POST' | 'DELETE', body?: unknown) {
    this.problem = undefined
    try {
      return await api().request<T>(path, { method, body })
    } catch (error) {
      this.#report(error)
      return undefined
    }
  }

  async #add(event: SubmitEvent) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const label = (form.elements.namedItem('label') as HTMLInputElement).value.trim()
    const added = await this.#call<WhatsAppNumber>('/v1/whatsapp/numbers', 'POST', { label })
    if (added) {
      form.reset()
      this.numbers = [...this.numbers, added]
    }
  }

  async #pair(event: SubmitEvent, number: WhatsAppNumber) {
    event.preventDefault()
    const phone = (
      (event.target as HTMLFormElement).elements.namedItem('phone') as HTMLInputElement
    ).value
    const answer = await this.#call<{ code: string }>(
      `/v1/whatsapp/numbers/${number.id}/pairing-code`,
      'POST',
      { phone }
    )
    if (answer)
      this.#onEvent({
        type: 'whatsapp.status',
        id: '',
        data: { numberId: number.id, status: 'qr', pairingCode: answer.code },
      })
  }

  render() {
    return html`<div part="base">
      <h2>${this.t('inbox.whatsapp.title')}</h2>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      <ul part="numbers">
        ${repeat(
          this.numbers,
          (n) => n.id,
          (n) => this.#renderNumber(n)
        )}
      </ul>
      ${this.numbers.length === 0 ? html`<p class="hint">${this.t('inbox.whatsapp.none')}</p>` : nothing}
      ${
        this.#canManage
          ? html`<form @submit=${this.#add}>
              <input
                name="label"
                required
                maxlength="100"
                aria-label=${this.t('inbox.whatsapp.label')}
                placeholder=${this.t('inbox.whatsapp.label')}
              />
              <parley-button type="submit">${this.t('inbox.whatsapp.add')}</parley-button>
            </form>`
          : nothing
      }
    </div>`
  }

  #renderNumber(n: WhatsAppNumber) {
    return html`<li>
      <div class="head">
        <strong>${n.label}</strong>
        <span class="state ${n.status}"
          >${this.t(`inbox.whatsapp.status.${n.status}`)}${n.phone ? ` · ${n.phone}` : ''}</span
        >
      </div>
      ${n.error && n.status !== 'open' ? html`<p class="hint">${n.error}</p>` : nothing}
      ${
        n.status === 'qr' && n.qr
          ? html`${qrCode(n.qr, this.t('inbox.whatsapp.qr'))}
              <p class="hint">${this.t('inbox.whatsapp.scan')}</p>
              ${
                n.pairingCode
                  ? html`<p class="code" aria-label=${this.t('inbox.whatsapp.code')}>
                      ${n.pairingCode}
                    </p>`
                  : this.#canManage
                    ? html`<form @submit=${(e: SubmitEvent) => this.#pair(e, n)}>
                        <input
                          name="phone"
                          type="tel"
                          required
                          placeholder="+5511…"
                          aria-label=${this.t('inbox.whatsapp.phone')}
                        />
                        <parley-button type="submit" variant="secondary" size="sm"
                          >${this.t('inbox.whatsapp.useCode')}</parley-button
                        >
                      </form>`
                    : nothing
              }`
          : nothing
      }
      <p class="pacing">
        ${this.t('inbox.whatsapp.pacing', {
          cap: n.pacing.dailyCap,
          days: n.pacing.warmupDays,
          min: n.pacing.minIntervalSeconds,
          max: n.pacing.minIntervalSeconds + n.pacing.jitterSeconds,
        })}
      </p>
      ${
        this.#canManage
          ? html`<div class="actions">
              ${
                n.status === 'logged_out'
                  ? html`<parley-button
                      size="sm"
                      variant="secondary"
                      @click=${async () => {
                        const again = await this.#call<WhatsAppNumber>(
                          `/v1/whatsapp/numbers/${n.id}/reconnect`,
                          'POST'
                        )
                        if (again)
                          this.numbers = this.numbers.map((x) => (x.id === n.id ? again : x))
                      }}
                      >${this.t('inbox.whatsapp.reconnect')}</parley-button
                    >`
                  : nothing
              }
              <parley-button
                size="sm"
                variant="ghost"
                @click=${async () => {
                  await this.#call(`/v1/whatsapp/numbers/${n.id}`, 'DELETE')
                  if (!this.problem) this.numbers = this.numbers.filter((x) => x.id !== n.id)
                }}
                >${this.t('inbox.whatsapp.remove')}</parley-button
              >
            </div>`
          : nothing
      }
    </li>`
  }
}

define('parley-whatsapp-settings', ParleyWhatsAppSettings)

declare global {
  interface HTMLElementTagNameMap {
    'parley-whatsapp-settings': ParleyWhatsAppSettings
  }
}
