import { html, nothing } from 'lit'
import { property, state } from 'lit/decorators.js'
import { ParleyElement } from '../kit/parley-element.js'
import { define } from '../kit/define.js'
import { api, realtime } from '../kit/runtime.js'
import { localeFor } from '../kit/localize.js'
import type { ParleyEvent } from '../kit/realtime/realtime.js'
import { confirm } from '../kit/controls/confirm-dialog.js'
import type { SelectChangeEvent } from '../kit/controls/select.js'
import '../kit/controls/select.js'
import '../kit/primitives/button.js'
import './campaigns.locales.js'
import { ParleyCampaignChangedEvent } from './campaigns.events.js'
import { funnelChart, seriesChart, SERIES_KEYS } from './charts.js'
import {
  RECIPIENT_STATUSES,
  canManage,
  count,
  editable,
  percent,
  when,
  type Campaign,
  type Me,
  type Page,
  type Recipient,
  type Stats,
} from './campaign-model.js'
import { campaignHeading } from './campaign-bits.js'

const EMPTY_STATS: Stats = {
  audience: 0,
  queued: 0,
  sent: 0,
  delivered: 0,
  read: 0,
  replied: 0,
  optedOut: 0,
  failed: 0,
  skipped: {},
  variants: [],
  series: [],
}
const letter = (i: number) => String.fromCharCode(65 + i)

/**
 * One campaign: its state and why (a pause's reason in words), pause / resume / cancel for owners
 * and admins, the funnel and the hourly series as charts (with the numbers as tables), variants
 * side by side, who was skipped and why, and the recipients (filter, pages, CSV), all live from
 * the campaign's channel. Part of `<parley-campaigns>`: renders into its shadow root, whose parts
 * and styles reach it.
 *
 * @event parley-campaign-changed - The user paused, resumed or cancelled the campaign.
 * @event campaign-updated - The campaign changed (an action or a live event); `detail` is it.
 * @event campaign-edit - The user asked to edit the campaign.
 * @event campaign-back - The user asked for the list.
 * @event campaign-failed - Something failed; `detail` is the error.
 */
export class ParleyCampaignPage extends ParleyElement {
  @property({ attribute: false }) campaign!: Campaign
  @property({ attribute: false }) me?: Me
  /** Without a way back (the host pinned this campaign). */
  @property({ type: Boolean }) pinned = false

  @state() private stats: Stats = EMPTY_STATS
  @state() private recipients: Recipient[] = []
  @state() private cursor: string | null = null
  @state() private filter = ''
  @state() private busy = false

  #subscribed?: { id: string; off: Promise<() => Promise<void>> }
  #refresh?: ReturnType<typeof setTimeout>

  protected createRenderRoot() {
    return this
  }

  protected willUpdate(changed: Map<PropertyKey, unknown>) {
    const before = changed.get('campaign') as Campaign | undefined
    if (changed.has('campaign') && before?.id !== this.campaign.id) {
      this.stats = EMPTY_STATS
      this.recipients = []
      this.filter = ''
      clearTimeout(this.#refresh)
      this.#refresh = undefined
      void this.#load()
      this.#follow()
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    clearTimeout(this.#refresh)
    this.#refresh = undefined
    this.#unfollow()
  }

  async #load() {
    const id = this.campaign.id
    try {
      const [stats] = await Promise.all([
        api().request<Stats>(`/v1/campaigns/${id}/stats`),
        this.#loadRecipients(),
      ])
      if (id === this.campaign.id) this.stats = { ...EMPTY_STATS, ...stats }
    } catch (error) {
      this.#fail(error)
    }
  }

  async #loadRecipients(more = false, limit = 50) {
    const id = this.campaign.id
    const page = await api().request<Page<Recipient>>(`/v1/campaigns/${id}/recipients`, {
      query: {
        status: this.filter || undefined,
        cursor: more ? (this.cursor ?? undefined) : undefined,
        limit,
      },
    })
    if (id !== this.campaign.id) return
    this.recipients = more ? [...this.recipients, ...page.data] : page.data
    this.cursor = page.nextCursor
  }

  /**
   * The table follows the numbers: after progress, the rows shown so far are read again, at most
   * every 2 s (progress comes up to once a second). Past 200 rows it waits for the user.
   */
  #refreshRecipients() {
    if (this.#refresh || this.recipients.length > 200) return
    this.#refresh = setTimeout(() => {
      this.#refresh = undefined
      const shown = Math.min(200, Math.max(50, this.recipients.length))
      void this.#loadRecipients(false, shown).catch(() => {}) // the next progress tries again
    }, 2000)
  }

  /** Live changes of this campaign: its state and its numbers. */
  #follow() {
    this.#unfollow()
    if (!this.me) return
    const channel = `tenants/${this.me.tenant.id}/workspaces/${this.me.workspaceId}/campaigns/${this.campaign.id}`
    const off = realtime().then((client) => client.subscribe(channel, (e) => this.#onEvent(e)))
    off.catch(() => {})
    this.#subscribed = { id: this.campaign.id, off }
  }

  #unfollow() {
    void this.#subscribed?.off.then((off) => off()).catch(() => {})
    this.#subscribed = undefined
  }

  #onEvent(event: ParleyEvent) {
    if (event.type === 'campaign.progress') {
      this.stats = { ...EMPTY_STATS, ...(event.data as Stats) }
      this.#refreshRecipients()
    }
    if (event.type === 'campaign.updated') this.#updated(event.data as Campaign)
  }

  #updated(campaign: Campaign) {
    if (campaign.id !== this.campaign.id) return
    this.campaign = { ...this.campaign, ...campaign }
    this.dispatchEvent(new CustomEvent('campaign-updated', { detail: this.campaign }))
  }

  #fail(error: unknown) {
    this.dispatchEvent(new CustomEvent('campaign-failed', { detail: error }))
  }

  async #act(action: 'pause' | 'resume' | 'cancel') {
    if (action === 'cancel') {
      const sure = await confirm({
        title: this.t('campaigns.cancelTitle', { name: this.campaign.name }),
        message: this.t('campaigns.cancelBody'),
        confirmLabel: this.t('campaigns.cancelConfirm'),
        cancelLabel: this.t('campaigns.keep'),
        danger: true,
        from: this,
      })
      if (!sure) return
    }
    this.busy = true
    try {
      const updated = await api().request<Campaign>(`/v1/campaigns/${this.campaign.id}/${action}`, {
        method: 'POST',
      })
      this.#updated(updated)
      this.emit(new ParleyCampaignChangedEvent(updated.id, updated.status, action))
    } catch (error) {
      this.#fail(error)
    } finally {
      this.busy = false
    }
  }

  async #filterBy(status: string) {
    this.filter = status
    try {
      await this.#loadRecipients()
    } catch (error) {
      this.#fail(error)
    }
  }

  /** The recipients as CSV (Accept: text/csv), saved as a file. */
  async #download() {
    try {
      const client = api()
      const url = new URL(`/v1/campaigns/${this.campaign.id}/recipients`, client.baseUrl)
      if (this.filter) url.searchParams.set('status', this.filter)
      const response = await fetch(url, {
        headers: { Accept: 'text/csv', Authorization: `Bearer ${await client.token()}` },
      })
      if (!response.ok) throw new Error(`CSV: ${response.status}`)
      const link = document.createElement('a')
      link.href = URL.createObjectURL(await response.blob())
      link.download = `${this.campaign.name.replace(/[^\p{L}\p{N}]+/gu, '-') || 'campaign'}-recipients.csv`
      link.click()
      setTimeout(() => URL.revokeObjectURL(link.href), 1000)
    } catch (error) {
      this.#fail(error)
    }
  }

  render() {
    const c = this.campaign
    const locale = localeFor(this)
    const manage = canManage(this.me)
    const s = this.stats
    const audience = s.audience || c.audienceCount || 0
    const n = (v: number) => count(v, locale)
    return html`<header class="page-head">
        ${
          this.pinned
            ? nothing
            : html`<parley-button
                variant="ghost"
                size="sm"
                class="back"
                label=${this.t('campaigns.back')}
                @click=${() => this.dispatchEvent(new CustomEvent('campaign-back'))}
                >←</parley-button
              >`
        }
        <div class="heading">${campaignHeading(c, locale, (k, p) => this.t(k, p), 'h2')}</div>
        ${
          manage
            ? html`<div class="actions">
                ${
                  editable(c)
                    ? html`<parley-button
                        variant="secondary"
                        size="sm"
                        @click=${() => this.dispatchEvent(new CustomEvent('campaign-edit'))}
                        >${this.t('campaigns.edit')}</parley-button
                      >`
                    : nothing
                }
                ${
                  c.status === 'running' || c.status === 'scheduled'
                    ? html`<parley-button
                        variant="secondary"
                        size="sm"
                        ?disabled=${this.busy}
                        @click=${() => this.#act('pause')}
                        >${this.t('campaigns.pause')}</parley-button
                      >`
                    : nothing
                }
                ${
                  c.status === 'paused'
                    ? html`<parley-button
                        size="sm"
                        ?disabled=${this.busy}
                        @click=${() => this.#act('resume')}
                        >${this.t('campaigns.resume')}</parley-button
                      >`
                    : nothing
                }
                ${
                  ['scheduled', 'running', 'paused'].includes(c.status)
                    ? html`<parley-button
                        variant="ghost"
                        size="sm"
                        class="danger-text"
                        ?disabled=${this.busy}
                        @click=${() => this.#act('cancel')}
                        >${this.t('campaigns.cancel')}</parley-button
                      >`
                    : nothing
                }
              </div>`
            : nothing
        }
      </header>
      ${
        c.status === 'paused' && c.pausedReason
          ? html`<p class="notice warn" role="status">
              ${this.t(`campaigns.paused.${c.pausedReason}`)}${c.error ? html` <span class="muted">(${c.error})</span>` : nothing}
            </p>`
          : nothing
      }
      ${c.status === 'failed' && c.error ? html`<p class="notice bad" role="status">${this.t('campaigns.error', { error: c.error })}</p>` : nothing}
      <dl class="tiles" part="numbers">
        ${(
          [
            ['audience', audience],
            ['sent', s.sent],
            ['delivered', s.delivered],
            ['read', s.read],
            ['replied', s.replied],
            ['optedOut', s.optedOut],
            ['failed', s.failed],
          ] as const
        ).map(
          ([key, value]) =>
            html`<div class="tile">
              <dt>${this.t(`campaigns.${key}`)}</dt>
              <dd>${n(value)}</dd>
            </div>`
        )}
      </dl>
      <div class="charts">
        ${funnelChart(
          (['audience', 'sent', 'delivered', 'read', 'replied'] as const).map((k) => ({
            label: this.t(`campaigns.${k}`),
            value: k === 'audience' ? audience : s[k],
          })),
          this.t('campaigns.funnel'),
          this.t('campaigns.funnelSummary', {
            audience: n(audience),
            sent: n(s.sent),
            replied: n(s.replied),
          }),
          this.t('campaigns.asTable'),
          [this.t('campaigns.stage'), this.t('campaigns.contacts'), this.t('campaigns.share')],
          n,
          (v) => percent(v, audience, locale)
        )}
        ${seriesChart(
          s.series,
          Object.fromEntries(SERIES_KEYS.map((k) => [k, this.t(`campaigns.${k}`)])) as Record<
            (typeof SERIES_KEYS)[number],
            string
          >,
          this.t('campaigns.series'),
          this.t('campaigns.asTable'),
          this.t('campaigns.hour'),
          this.t('campaigns.noSeries'),
          (at) =>
            new Intl.DateTimeFormat(locale, { weekday: 'short', hour: 'numeric' }).format(
              new Date(at)
            ),
          n
        )}
      </div>
      ${this.#renderVariants()} ${this.#renderSkipped()} ${this.#renderRecipients(locale)}`
  }

  #renderVariants() {
    const c = this.campaign
    const rows = this.stats.variants
    const multi = c.steps.length > 1 || c.steps.some((st) => st.variants.length > 1)
    if (!multi) return nothing
    const variants = c.steps.flatMap((st, step) =>
      st.variants.map((v, index) => ({ step, index, body: v.body }))
    )
    const locale = localeFor(this)
    return html`<section class="block" aria-labelledby="variants-title">
      <h3 id="variants-title">${this.t('campaigns.variants')}</h3>
      <div class="variants" part="variants">
        ${variants.map(({ step, index, body }) => {
          const v: Stats['variants'][number] = rows.find(
            (r) => r.index === index && (r.step ?? 0) === step
          ) ?? { index }
          const sent = v.sent ?? 0
          return html`<article class="variant-card">
            <h4>
              ${c.steps.length > 1 ? this.t('campaigns.stepVariant', { step: step + 1, letter: letter(index) }) : this.t('campaigns.variant', { letter: letter(index) })}
            </h4>
            <p class="body-excerpt">${body}</p>
            <dl>
              <div>
                <dt>${this.t('campaigns.sent')}</dt>
                <dd>${count(sent, locale)}</dd>
              </div>
              <div>
                <dt>${this.t('campaigns.read')}</dt>
                <dd>${percent(v.read, sent, locale)}</dd>
              </div>
              <div>
                <dt>${this.t('campaigns.replied')}</dt>
                <dd>${percent(v.replied, sent, locale)}</dd>
              </div>
            </dl>
          </article>`
        })}
      </div>
    </section>`
  }

  #renderSkipped() {
    const entries = Object.entries(this.stats.skipped).filter(([, v]) => v > 0)
    const locale = localeFor(this)
    return html`<section class="block" aria-labelledby="skipped-title">
      <h3 id="skipped-title">${this.t('campaigns.skipped')}</h3>
      ${
        entries.length
          ? html`<ul class="reasons">
              ${entries.map(([reason, v]) => html`<li><span>${this.#reason(reason)}</span><strong>${count(v, locale)}</strong></li>`)}
            </ul>`
          : html`<p class="muted">${this.t('campaigns.noSkipped')}</p>`
      }
    </section>`
  }

  #reason(code: string) {
    const key = `campaigns.reason.${code}`
    const text = this.t(key as 'campaigns.reason.optedOut')
    return text === key ? code : text
  }

  #renderRecipients(locale: string) {
    const c = this.campaign
    const classified = this.recipients.some((r) => r.classification)
    const replied = this.stats.replied > 0 || this.recipients.some((r) => r.status === 'replied')
    // Why replies are not classified, as the server says (no reason given: nothing to explain).
    const unclassified = this.stats.classification?.available === false && !classified
    return html`<section class="block" aria-labelledby="recipients-title">
      <div class="block-head">
        <h3 id="recipients-title">${this.t('campaigns.recipients')}</h3>
        <parley-select
          size="sm"
          hide-label
          label=${this.t('campaigns.recipientStatus')}
          .value=${this.filter || 'all'}
          .options=${[
            { value: 'all', label: this.t('campaigns.all') },
            ...RECIPIENT_STATUSES.map((st) => ({
              value: st,
              label: this.t(`campaigns.rstatus.${st}`),
            })),
          ]}
          @change=${(e: SelectChangeEvent) => this.#filterBy(e.detail.value === 'all' ? '' : e.detail.value)}
        ></parley-select>
        <parley-button
          variant="secondary"
          size="sm"
          ?disabled=${c.status === 'draft'}
          @click=${() => this.#download()}
          >${this.t('campaigns.csv')}</parley-button
        >
      </div>
      ${replied && unclassified ? html`<p class="muted note">${this.#unclassified(this.stats.classification?.reason)}</p>` : nothing}
      ${
        this.recipients.length
          ? html`<div class="scroll">
              <table class="recipients" part="recipients">
                <thead>
                  <tr>
                    <th scope="col">${this.t('campaigns.contact')}</th>
                    <th scope="col">${this.t('campaigns.status')}</th>
                    ${c.steps.length > 1 ? html`<th scope="col">${this.t('campaigns.step')}</th>` : nothing}
                    <th scope="col">${this.t('campaigns.time')}</th>
                    ${classified ? html`<th scope="col">${this.t('campaigns.classification')}</th>` : nothing}
                  </tr>
                </thead>
                <tbody>
                  ${this.recipients.map((r) => {
                    const at = r.repliedAt ?? r.readAt ?? r.deliveredAt ?? r.sentAt
                    return html`<tr>
                      <td>
                        ${r.contact?.name || r.contact?.phone || r.contact?.email || r.contactId.slice(0, 8)}
                      </td>
                      <td>
                        <span class="rstatus r-${r.status}"
                          >${this.t(`campaigns.rstatus.${r.status}`)}</span
                        >${r.reason ? html` <span class="muted">${this.#reason(r.reason)}</span>` : nothing}
                      </td>
                      ${c.steps.length > 1 ? html`<td>${r.step + 1}</td>` : nothing}
                      <td>${at ? html`<time datetime=${at}>${when(at, locale)}</time>` : '—'}</td>
                      ${classified ? html`<td>${r.classification ? this.#classification(r.classification) : '—'}</td>` : nothing}
                    </tr>`
                  })}
                </tbody>
              </table>
            </div>`
          : html`<p class="muted">
              ${c.status === 'draft' ? this.t('campaigns.notPlanned') : this.t('campaigns.noRecipients')}
            </p>`
      }
      ${
        this.cursor
          ? html`<parley-button
              variant="secondary"
              size="sm"
              @click=${() => this.#loadRecipients(true).catch((e) => this.#fail(e))}
              >${this.t('campaigns.more')}</parley-button
            >`
          : nothing
      }
    </section>`
  }

  #unclassified(reason?: string) {
    return reason === 'PROVIDER_NOT_CONFIGURED'
      ? this.t('campaigns.noClassification')
      : this.t('campaigns.noClassificationOther')
  }

  #classification(value: string) {
    const key = `campaigns.class.${value.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`).replace('-', '_')}`
    const text = this.t(key as 'campaigns.class.other')
    return text === key ? value : text
  }
}

define('parley-campaign-page', ParleyCampaignPage)

declare global {
  interface HTMLElementTagNameMap {
    'parley-campaign-page': ParleyCampaignPage
  }
}
