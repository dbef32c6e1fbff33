import { html, nothing } from 'lit'
import { property, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { ParleyElement } from '../kit/parley-element.js'
import { api, whenConfigured } from '../kit/runtime.js'
import { describeError } from '../kit/errors.js'
import { localeFor } from '../kit/localize.js'
import type { SelectChangeEvent } from '../kit/controls/select.js'
import '../kit/controls/select.js'
import '../kit/primitives/button.js'
import '../kit/primitives/state.js'
import './campaigns.locales.js'
import './campaign-page.js'
import { campaignHeading } from './campaign-bits.js'
import { campaignsStyles } from './campaigns.styles.js'
import { ParleyCampaignOpenedEvent } from './campaigns.events.js'
import {
  STATUSES,
  canManage,
  count,
  percent,
  type Campaign,
  type Me,
  type Page,
} from './campaign-model.js'

/**
 * Campaigns of the workspace: the list (status, channel, key numbers, filter by status), a builder
 * in steps for owners and admins (audience with a visual AND/OR rule editor and a live count,
 * message with variables, A/B variants and a phone-style preview, schedule with time zone, quiet
 * hours and frequency cap, review with the estimated duration at WhatsApp's safe pace), and a
 * campaign's page (funnel and hourly charts, variants side by side, skipped by reason, recipients
 * with filter, pages and CSV, pause / resume / cancel), live. `campaign-id` opens one campaign.
 *
 * The builder's code loads the first time it opens (agents and viewers never download it).
 *
 * @event parley-error - Something could not be loaded or done (`code` is the API's error code).
 * @event parley-campaign-opened - A campaign was opened (`campaignId`, `status`), or the list ('').
 * @event parley-campaign-saved - A campaign was created or its draft saved (`campaignId`, `status`).
 * @event parley-campaign-launched - A campaign was launched (`campaignId`, `status`: running or scheduled).
 * @event parley-campaign-changed - A campaign was paused, resumed or cancelled (`action`, `status`).
 * @csspart base - The whole widget.
 * @csspart toolbar - The list's title, filter and "New campaign".
 * @csspart campaign - One campaign in the list.
 * @csspart channel - A campaign's channel icon.
 * @csspart status - A campaign's status badge.
 * @csspart numbers - Key numbers (the list's and the page's tiles).
 * @csspart funnel - The funnel chart.
 * @csspart series - The hourly chart.
 * @csspart variants - The variants side by side.
 * @csspart recipients - The recipients table.
 * @csspart stepper - The builder's steps.
 * @csspart rules - The rule editor's outer group.
 * @csspart count - The builder's live audience count.
 * @csspart phone - The message preview.
 * @cssproperty --parley-campaigns-bar - Colour of funnel bars and the "sent" line (default: primary).
 * @cssproperty --parley-campaigns-replied - Colour of the "replied" bar and line (default: success).
 * @cssproperty --parley-campaigns-whatsapp-bubble - The WhatsApp preview bubble's background.
 * @cssproperty --parley-campaigns-whatsapp-wall - The WhatsApp preview's wallpaper.
 */
export class ParleyCampaigns extends ParleyElement {
  static styles = [ParleyElement.styles, campaignsStyles]

  /** Opens this campaign directly (no list). */
  @property({ attribute: 'campaign-id', reflect: true }) campaignId?: string

  @state() private me?: Me
  @state() private campaigns: Campaign[] = []
  @state() private cursor: string | null = null
  @state() private filter = ''
  @state() private loadState: 'loading' | 'ready' | 'error' = 'loading'
  @state() private problem = ''
  @state() private open?: Campaign
  /** The builder: `null` for a new campaign, else the one edited. */
  @state() private building?: Campaign | null
  @state() private builderReady = false

  connectedCallback() {
    super.connectedCallback()
    void this.#load()
  }

  protected updated(changed: Map<PropertyKey, unknown>) {
    if (changed.has('campaignId') && changed.get('campaignId') !== undefined && this.campaignId)
      void this.#openById(this.campaignId)
  }

  async #load() {
    this.loadState = 'loading'
    try {
      await whenConfigured()
      this.me ??= await api().request<Me>('/v1/me')
      if (this.campaignId) await this.#openById(this.campaignId)
      else await this.#loadList()
      this.loadState = 'ready'
    } catch (error) {
      this.problem = this.reportError(error)
      this.loadState = 'error'
    }
  }

  async #loadList(more = false) {
    const page = await api().request<Page<Campaign>>('/v1/campaigns', {
      query: {
        status: this.filter || undefined,
        cursor: more ? (this.cursor ?? undefined) : undefined,
      },
    })
    this.campaigns = more ? [...this.campaigns, ...page.data] : page.data
    this.cursor = page.nextCursor
  }

  async #openById(id: string) {
    this.#show(await api().request<Campaign>(`/v1/campaigns/${id}`))
  }

  #show(campaign: Campaign | undefined) {
    this.open = campaign
    this.building = undefined
    this.problem = ''
    this.emit(new ParleyCampaignOpenedEvent(campaign?.id ?? '', campaign?.status ?? ''))
  }

  /** The builder's code, fetched once, the first time an owner or admin opens it. */
  async #build(campaign: Campaign | null) {
    this.building = campaign
    this.problem = ''
    try {
      await import('./campaign-builder.js')
      this.builderReady = true
    } catch (error) {
      this.#fail(error)
      this.building = undefined
    }
  }

  #fail(error: unknown) {
    const text = this.reportError(error)
    const e = describeError(error)
    this.problem =
      e.code === 'CONFLICT' || e.code === 'VALIDATION_ERROR'
        ? (e.details[0]?.message ?? e.message)
        : text
  }

  /** A campaign changed (saved, launched, an action, a live event): every view of it follows. */
  #changed(campaign: Campaign) {
    const known = this.campaigns.some((c) => c.id === campaign.id)
    this.campaigns = known
      ? this.campaigns.map((c) => (c.id === campaign.id ? { ...c, ...campaign } : c))
      : [campaign, ...this.campaigns]
    if (this.open?.id === campaign.id) this.open = { ...this.open, ...campaign }
  }

  /** The list again, its numbers read afresh (they moved while a campaign was open). */
  #backToList() {
    this.#show(undefined)
    this.#loadList().catch((error) => this.#fail(error))
  }

  async #filterBy(status: string) {
    this.filter = status
    try {
      await this.#loadList()
    } catch (error) {
      this.#fail(error)
    }
  }

  render() {
    if (this.loadState !== 'ready')
      return html`<section part="base">
        <parley-state
          kind=${this.loadState}
          message=${this.problem}
          @parley-retry-requested=${() => this.#load()}
        ></parley-state>
      </section>`
    return html`<section part="base">
      ${this.problem ? html`<p class="notice bad" role="alert">${this.problem}</p>` : nothing}
      ${
        this.building !== undefined
          ? this.#renderBuilder()
          : this.open
            ? html`<parley-campaign-page
                .campaign=${this.open}
                .me=${this.me}
                .locale=${this.locale}
                ?pinned=${Boolean(this.campaignId)}
                @campaign-back=${() => this.#backToList()}
                @campaign-edit=${() => this.#build(this.open!)}
                @campaign-updated=${(e: CustomEvent<Campaign>) => this.#changed(e.detail)}
                @campaign-failed=${(e: CustomEvent) => this.#fail(e.detail)}
              ></parley-campaign-page>`
            : this.#renderList()
      }
    </section>`
  }

  #renderBuilder() {
    if (!this.builderReady)
      return html`<parley-state
        kind="loading"
        message=${this.t('campaigns.loadingBuilder')}
      ></parley-state>`
    return html`<parley-campaign-builder
      .campaign=${this.building}
      .me=${this.me}
      .locale=${this.locale}
      @builder-close=${(e: CustomEvent<Campaign | undefined>) => {
        const saved = e.detail
        if (saved) this.#changed(saved)
        if (saved && this.building) this.#show({ ...this.building, ...saved })
        else if (saved && saved.status !== 'draft') this.#show(saved)
        else this.building = undefined
      }}
      @campaign-updated=${(e: CustomEvent<Campaign>) => this.#changed(e.detail)}
      @campaign-failed=${(e: CustomEvent) => this.#fail(e.detail)}
    ></parley-campaign-builder>`
  }

  #renderList() {
    const locale = localeFor(this)
    const manage = canManage(this.me)
    return html`<div class="toolbar" part="toolbar">
        <h2>${this.t('campaigns.title')}</h2>
        <parley-select
          size="sm"
          label=${this.t('campaigns.filter')}
          hide-label
          .value=${this.filter || 'all'}
          .options=${[
            { value: 'all', label: this.t('campaigns.all') },
            ...STATUSES.map((s) => ({ value: s, label: this.t(`campaigns.status.${s}`) })),
          ]}
          @change=${(e: SelectChangeEvent) => this.#filterBy(e.detail.value === 'all' ? '' : e.detail.value)}
        ></parley-select>
        ${manage ? html`<parley-button class="new" size="sm" @click=${() => this.#build(null)}>${this.t('campaigns.new')}</parley-button>` : nothing}
      </div>
      ${
        this.campaigns.length
          ? html`<ul class="campaigns" aria-label=${this.t('campaigns.list')}>
                ${repeat(
                  this.campaigns,
                  (c) => c.id,
                  (c) => {
                    const audience = c.stats?.audience ?? c.audienceCount ?? undefined
                    const sent = c.stats?.sent
                    return html`<li part="campaign">
                      <button class="row" @click=${() => this.#show(c)}>
                        ${campaignHeading(c, locale, (k, p) => this.t(k, p), 'span')}
                        ${
                          c.status === 'paused' && c.pausedReason && c.pausedReason !== 'manual'
                            ? html`<span class="why"
                                >${this.t(`campaigns.paused.${c.pausedReason}`)}</span
                              >`
                            : nothing
                        }
                        <dl class="numbers" part="numbers">
                          <div>
                            <dt>${this.t('campaigns.audience')}</dt>
                            <dd>${count(audience, locale)}</dd>
                          </div>
                          <div>
                            <dt>${this.t('campaigns.sent')}</dt>
                            <dd>${count(sent, locale)}</dd>
                          </div>
                          <div>
                            <dt>${this.t('campaigns.repliedShare')}</dt>
                            <dd>${percent(c.stats?.replied, sent, locale)}</dd>
                          </div>
                        </dl>
                      </button>
                    </li>`
                  }
                )}
              </ul>
              ${
                this.cursor
                  ? html`<parley-button
                      variant="secondary"
                      size="sm"
                      @click=${() => this.#loadList(true).catch((e) => this.#fail(e))}
                      >${this.t('campaigns.more')}</parley-button
                    >`
                  : nothing
              }`
          : html`<parley-state
              kind="empty"
              heading=${this.filter ? this.t('campaigns.emptyFiltered') : this.t('campaigns.emptyTitle')}
              message=${this.filter ? '' : manage ? this.t('campaigns.empty') : this.t('campaigns.emptyReadOnly')}
            >
              ${manage && !this.filter ? html`<parley-button @click=${() => this.#build(null)}>${this.t('campaigns.new')}</parley-button>` : nothing}
            </parley-state>`
      }`
  }
}
