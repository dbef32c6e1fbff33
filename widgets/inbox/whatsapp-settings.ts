import { html, nothing, svg } from 'lit'
import { state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { encode } from 'uqr'
import { ParleyElement } from '../kit/parley-element.js'
import { define } from '../kit/define.js'
import { api, realtime } from '../kit/runtime.js'
import { describeError } from '../kit/errors.js'
import type { ParleyEvent } from '../kit/realtime/realtime.js'
import '../kit/primitives/button.js'
import { confirm } from '../kit/controls/confirm-dialog.js'
import './whatsapp-settings.locales.js'
import { whatsappSettingsStyles } from './whatsapp-settings.styles.js'
import type { Me, Page } from './inbox.types.js'

interface WhatsAppNumber {
  id: string
  label: string
  phone: string | null
  status: 'connecting' | 'qr' | 'open' | 'closed' | 'logged_out'
  /** Why it is not connected, as a stable code (docs/whatsapp.md); `error` is WhatsApp's message. */
  reason: string | null
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

/** The server's reason codes with words of their own; any other is said as `unknown`. */
const REASONS = [
  'network_unreachable',
  'connection_lost',
  'timed_out',
  'qr_expired',
  'logged_out',
  'banned',
  'replaced',
  'bad_session',
  'service_unavailable',
  'restart_required',
  'multidevice_mismatch',
  'disconnected',
  'unknown',
] as const
type Reason = (typeof REASONS)[number]
/** Reasons a person has to act on (the others retry by themselves). */
const ACT: readonly Reason[] = [
  'logged_out',
  'banned',
  'replaced',
  'multidevice_mismatch',
  'disconnected',
  'network_unreachable',
]

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
 * reconnect after a logout, remove (after a confirmation). Why a number is not connected is said
 * in words with what to do next, WhatsApp's own message under "Details". Admins and owners change
 * things; others see the states.
 *
 * @csspart base - The settings.
 * @csspart numbers - The list of numbers.
 */
export class ParleyWhatsAppSettings extends ParleyElement {
  static styles = [ParleyElement.styles, whatsappSettingsStyles]

  @state() private numbers: WhatsAppNumber[] = []
  @state() private me?: Me
  /** What went wrong with the last action: words, and the API's message for "Details". */
  @state() private problem?: { words: string; raw?: string }

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
            reason: data.reason ?? null,
            qr: data.status === 'qr' ? (data.qr ?? n.qr) : null,
            pairingCode: data.status === 'qr' ? (data.pairingCode ?? n.pairingCode) : null,
          }
        : n
    )
  }

  #report(error: unknown) {
    const { details, message } = describeError(error)
    const raw = [message, ...details.map((d) => d.message)].filter(Boolean).join(' · ')
    this.problem = { words: this.reportError(error), raw: raw || undefined }
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

  /** Removing unlinks the phone: asked first, with what it does. */
  async #remove(number: WhatsAppNumber) {
    const label = number.phone ? `${number.label} (${number.phone})` : number.label
    const confirmed = await confirm({
      title: this.t('inbox.whatsapp.confirmTitle', { label }),
      message: this.t('inbox.whatsapp.confirmBody'),
      confirmLabel: this.t('inbox.whatsapp.remove'),
      cancelLabel: this.t('inbox.whatsapp.cancel'),
      danger: true,
      from: this,
    })
    if (!confirmed) return
    await this.#call(`/v1/whatsapp/numbers/${number.id}`, 'DELETE')
    if (!this.problem) this.numbers = this.numbers.filter((x) => x.id !== number.id)
  }

  /** WhatsApp's own words, for operators, folded away. */
  #details(raw?: string | null) {
    if (!raw) return nothing
    return html`<details>
      <summary>${this.t('inbox.whatsapp.details')}</summary>
      <code>${raw}</code>
    </details>`
  }

  /** Why the number is not connected, and what to do, unless its state already says it. */
  #renderWhy(n: WhatsAppNumber) {
    if (n.status === 'open' || (!n.reason && !n.error)) return nothing
    const reason: Reason = REASONS.includes(n.reason as Reason) ? (n.reason as Reason) : 'unknown'
    // A new QR on screen answers an expired one; a routine restart is news only while closed.
    if (reason === 'qr_expired' && n.status === 'qr') return nothing
    if (reason === 'restart_required' && n.status !== 'closed') return nothing
    return html`<div class="why ${ACT.includes(reason) ? 'act' : ''}">
      <p>${this.t(`inbox.whatsapp.reason.${reason}`)}</p>
      ${this.#details(n.error)}
    </div>`
  }

  render() {
    return html`<div part="base">
      <h2>${this.t('inbox.whatsapp.title')}</h2>
      ${
        this.problem
          ? html`<div class="problem" role="alert">
              <p>${this.problem.words}</p>
              ${this.#details(this.problem.raw)}
            </div>`
          : nothing
      }
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
      ${this.#renderWhy(n)}
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
                class="remove"
                size="sm"
                variant="ghost"
                label=${this.t('inbox.whatsapp.removeLabel', { label: n.label })}
                @click=${() => this.#remove(n)}
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
