import { html, nothing } from 'lit'
import { property, state } from 'lit/decorators.js'
import { ParleyElement } from '../kit/parley-element.js'
import { define } from '../kit/define.js'
import { api } from '../kit/runtime.js'
import { describeError } from '../kit/errors.js'
import { localeFor } from '../kit/localize.js'
import { confirm } from '../kit/controls/confirm-dialog.js'
import '../kit/primitives/button.js'
import './campaign-builder.locales.js'
import { ParleyCampaignLaunchedEvent, ParleyCampaignSavedEvent } from './campaigns.events.js'
import {
  count,
  newRule,
  type Campaign,
  type CampaignDraft,
  type Me,
  type RuleGroup,
  type Segment,
  type SendingNumber,
} from './campaign-model.js'
import { AudienceCountController } from './audience-count-controller.js'
import { checkStep, stepOf } from './builder-checks.js'
import { ScheduleClockController } from './schedule-clock-controller.js'
import { STEPS, clone, type BuilderView } from './builder-view.js'
import { audienceStep } from './builder-audience-step.js'
import { messageStep } from './builder-message-step.js'
import { scheduleStep, scheduleText } from './builder-schedule-step.js'
import { reviewStep } from './builder-review-step.js'

/**
 * The campaign builder, in four steps (Audience → Message → Schedule → Review): who (a saved
 * segment or rules, with the live count and who is left out and why), what (variants with
 * variables and weights, drip steps on a timeline, the server's template errors at the field, a
 * phone-style preview for one contact), when (now or a date and time in a time zone, quiet
 * hours, frequency cap, stop on reply) and the review (summary, estimated duration at the
 * configured pace, launch with a confirmation, or save the draft). Loaded on demand by
 * `<parley-campaigns>`, into whose shadow root it renders.
 *
 * @event parley-campaign-saved - The draft was saved (`campaignId`, `status`).
 * @event parley-campaign-launched - The campaign was launched (`campaignId`, `status`).
 * @event builder-close - The builder is done; `detail` is the campaign saved, if any.
 * @event campaign-updated - The campaign was saved; `detail` is it.
 * @event campaign-failed - Something failed; `detail` is the error.
 */
export class ParleyCampaignBuilder extends ParleyElement {
  /** The campaign edited; null for a new one. */
  @property({ attribute: false }) campaign: Campaign | null = null
  @property({ attribute: false }) me?: Me

  @state() private draft!: CampaignDraft
  @state() private step = 0
  @state() private errors: Record<string, string> = {}
  @state() private source: 'rules' | 'segment' = 'rules'
  @state() private segments: Segment[] = []
  @state() private later = false
  @state() private rendered?: { steps: { body: string }[] }
  @state() private previewContact = ''
  /** The workspace's WhatsApp numbers (undefined: not known, or not readable with this session). */
  @state() private numbers?: SendingNumber[]
  @state() private busy = false
  @state() private savedId?: string

  /** The audience's live count (debounced, cancellable, with its busy state). */
  readonly #audienceCount = new AudienceCountController(this, {
    rules: () => this.#rules(),
    channel: () => this.draft.channel,
    counted: (preview) => (this.previewContact ||= preview.sample[0]?.id ?? ''),
    failed: (error) => this.#fail(error),
  })
  /** The scheduled time, and a redraw when it passes while the builder is open. */
  readonly #clock = new ScheduleClockController(this, () => this.draft.schedule)
  /** What the steps (builder-*-step.ts) render from and act through. */
  readonly #view: BuilderView = ((b: ParleyCampaignBuilder): BuilderView => ({
    host: b,
    get draft() {
      return b.draft
    },
    get step() {
      return b.step
    },
    get errors() {
      return b.errors
    },
    get source() {
      return b.source
    },
    get segments() {
      return b.segments
    },
    get later() {
      return b.later
    },
    get previewContact() {
      return b.previewContact
    },
    get rendered() {
      return b.rendered
    },
    get numbers() {
      return b.numbers
    },
    get busy() {
      return b.busy
    },
    audienceCount: b.#audienceCount,
    clock: b.#clock,
    caret: undefined,
    t: (key, params) => b.t(key, params),
    patch: (patch) => b.#patch(patch),
    setSource: (source) => {
      b.source = source
    },
    setLater: (later) => {
      b.later = later
    },
    setPreviewContact: (id) => {
      b.previewContact = id
    },
    go: (step) => b.#go(step),
    renderFor: () => void b.#renderFor(),
    rules: () => b.#rules(),
    listed: () => b.#listed(),
    reach: () => b.#reach(),
  }))(this)

  protected createRenderRoot() {
    return this
  }

  connectedCallback() {
    super.connectedCallback()
    const c = this.campaign
    this.savedId = c?.id
    this.draft = c
      ? clone({
          name: c.name,
          kind: c.kind,
          channel: c.channel,
          audience: c.audience,
          steps: c.steps,
          schedule: c.schedule,
          limits: c.limits ?? {},
        })
      : {
          name: '',
          kind: 'broadcast',
          channel: 'whatsapp',
          audience: { rules: { match: 'all', rules: [newRule()] } },
          steps: [
            { delayMinutes: 0, variants: [{ body: this.t('builder.message.starter'), weight: 1 }] },
          ],
          schedule: null,
          limits: {
            quietHours: { start: '21:00', end: '08:00' },
            frequencyCap: { messages: 1, days: 7 },
            stopOnReply: true,
          },
        }
    this.source = 'segmentId' in this.draft.audience ? 'segment' : 'rules'
    this.later = Boolean(this.draft.schedule)
    // A list of contacts (given through the API) has no rules to preview: its first is the one.
    if ('contactIds' in this.draft.audience)
      this.previewContact = this.draft.audience.contactIds[0] ?? ''
    // Counting from the start (a segment's rules come with the segments): the review, opened
    // straight away, says so rather than showing "—".
    this.#audienceCount.counting = this.#listed() === undefined
    void api()
      .request<{ data: Segment[] }>('/v1/segments')
      .then((page) => {
        this.segments = page.data
        this.#audienceCount.count(0)
      })
      .catch(() => this.#audienceCount.count(0))
  }

  /** How many a list of contacts holds (deduplicated, as the server stores it); else undefined. */
  #listed(): number | undefined {
    const a = this.draft.audience
    return 'contactIds' in a ? new Set(a.contactIds).size : undefined
  }

  /**
   * Who the campaign reaches now: the live count of a segment or rules. A list of contacts has no
   * preview route (POST /v1/segments/preview takes rules only), so its size is the honest figure:
   * at most that many, the opted-out, blocked and unreachable among them skipped when sending.
   */
  #reach(): number | undefined {
    return this.#listed() ?? this.#audienceCount.preview?.count
  }

  /** Changes the draft (and recounts the audience when who or where changed). */
  #patch(patch: Partial<CampaignDraft>) {
    this.draft = { ...this.draft, ...patch }
    for (const key of Object.keys(this.errors))
      if (Object.keys(patch).some((p) => key.startsWith(p))) delete this.errors[key]
    if ('audience' in patch || 'channel' in patch) this.#audienceCount.count()
  }

  #rules(): RuleGroup | undefined {
    const a = this.draft.audience
    if ('rules' in a) return a.rules
    if ('segmentId' in a) return this.segments.find((s) => s.id === a.segmentId)?.rules
    return undefined
  }

  #fail(error: unknown) {
    this.dispatchEvent(new CustomEvent('campaign-failed', { detail: error }))
  }

  // Validation ---------------------------------------------------------------------------

  /** Goes to `step` if every step before it is complete; otherwise to the first one that is not. */
  #go(step: number) {
    for (let s = 0; s < step; s++) {
      const errors = checkStep(this.draft, (key) => this.t(key), s)
      if (Object.keys(errors).length) {
        this.errors = errors
        this.step = s
        return this.#focusError()
      }
    }
    this.errors = {}
    this.step = step
    if (STEPS[step] === 'review' && this.draft.channel === 'whatsapp') void this.#loadNumbers()
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('.step-panel h3')?.focus())
  }

  #focusError() {
    void this.updateComplete.then(() =>
      this.querySelector<HTMLElement>('[aria-invalid="true"], .field-error')?.focus?.()
    )
  }

  async #loadNumbers() {
    try {
      const page = await api().request<{ data: SendingNumber[] }>('/v1/whatsapp/numbers')
      this.numbers = page.data
    } catch {
      this.numbers = undefined // not readable here: the estimate assumes one new number
    }
  }

  // Saving -------------------------------------------------------------------------------

  /** Saves the draft (creates it the first time); on 422 shows each problem at its field. */
  async #save(): Promise<Campaign | undefined> {
    this.busy = true
    try {
      const saved = await api().request<Campaign>(
        this.savedId ? `/v1/campaigns/${this.savedId}` : '/v1/campaigns',
        {
          method: this.savedId ? 'PATCH' : 'POST',
          body: this.draft,
        }
      )
      this.savedId = saved.id
      this.emit(new ParleyCampaignSavedEvent(saved.id, saved.status))
      this.dispatchEvent(new CustomEvent('campaign-updated', { detail: saved }))
      return saved
    } catch (error) {
      const e = describeError(error)
      if (e.code === 'VALIDATION_ERROR' && e.details.length) {
        this.errors = Object.fromEntries(e.details.map((d) => [d.field, d.message]))
        this.step = Math.min(...e.details.map((d) => stepOf(d.field)))
        this.#focusError()
      } else this.#fail(error)
      return undefined
    } finally {
      this.busy = false
    }
  }

  async #saveAndClose() {
    const saved = await this.#save()
    if (saved) this.dispatchEvent(new CustomEvent('builder-close', { detail: saved }))
  }

  /** Asks first, saves, launches; the server's 409 (no connected number…) is shown as it says. */
  async #launch() {
    for (let s = 0; s < 3; s++)
      if (Object.keys(checkStep(this.draft, (key) => this.t(key), s)).length) return this.#go(3)
    if (this.#clock.passed) return this.requestUpdate()
    const audience = count(this.#reach(), localeFor(this))
    const sure = await confirm({
      title: this.t(
        this.draft.schedule ? 'builder.review.confirmScheduleTitle' : 'builder.review.confirmTitle',
        { name: this.draft.name }
      ),
      message: this.draft.schedule
        ? this.t('builder.review.confirmSchedule', {
            count: audience,
            time: scheduleText(this.#view),
          })
        : this.t('builder.review.confirmNow', { count: audience }),
      confirmLabel: this.t(
        this.draft.schedule ? 'builder.review.schedule' : 'builder.review.launch'
      ),
      from: this,
    })
    // The time may have passed while the question was open: the review says so instead.
    if (!sure || this.#clock.passed) return this.requestUpdate()
    const saved = await this.#save()
    if (!saved) return
    this.busy = true
    try {
      const launched = await api().request<Campaign>(`/v1/campaigns/${saved.id}/launch`, {
        method: 'POST',
      })
      this.emit(new ParleyCampaignLaunchedEvent(launched.id, launched.status))
      this.dispatchEvent(new CustomEvent('builder-close', { detail: launched }))
    } catch (error) {
      this.#fail(error)
    } finally {
      this.busy = false
    }
  }

  /** Renders the message for one contact (after saving: the server renders what it would send). */
  async #renderFor() {
    const saved = await this.#save()
    if (!saved || !this.previewContact) return
    try {
      this.rendered = await api().request<{ steps: { body: string }[] }>(
        `/v1/campaigns/${saved.id}/preview`,
        {
          method: 'POST',
          body: { contactId: this.previewContact },
        }
      )
    } catch (error) {
      this.#fail(error)
    }
  }

  // Rendering ----------------------------------------------------------------------------

  render() {
    const title = this.campaign
      ? this.t('builder.editTitle', { name: this.campaign.name })
      : this.t('builder.newTitle')
    return html`<div class="builder">
      <header class="page-head">
        <parley-button
          variant="ghost"
          size="sm"
          class="back"
          label=${this.t('builder.close')}
          @click=${() => this.dispatchEvent(new CustomEvent('builder-close'))}
          >←</parley-button
        >
        <h2 class="name">${title}</h2>
      </header>
      <nav aria-label=${this.t('builder.steps')}>
        <ol class="stepper" part="stepper" @keydown=${this.#stepperKeys}>
          ${STEPS.map(
            (name, i) =>
              html`<li>
                <button
                  type="button"
                  class=${i < this.step ? 'done' : ''}
                  aria-current=${i === this.step ? 'step' : 'false'}
                  tabindex=${i === this.step ? 0 : -1}
                  @click=${() => this.#go(i)}
                >
                  <span class="num" aria-hidden="true">${i + 1}</span
                  ><span>${this.t(`builder.step.${name}`)}</span>
                </button>
              </li>`
          )}
        </ol>
      </nav>
      <section class="step-panel" aria-labelledby="step-title">
        <h3 id="step-title" tabindex="-1">${this.t(`builder.step.${STEPS[this.step]}`)}</h3>
        ${[audienceStep, messageStep, scheduleStep, reviewStep][this.step](this.#view)}
      </section>
      <footer class="builder-foot">
        ${this.step > 0 ? html`<parley-button variant="secondary" @click=${() => this.#go(this.step - 1)}>${this.t('builder.back')}</parley-button>` : nothing}
        <span class="spacer"></span>
        <parley-button variant="ghost" ?disabled=${this.busy} @click=${() => this.#saveAndClose()}
          >${this.t('builder.saveDraft')}</parley-button
        >
        ${
          this.step < 3
            ? html`<parley-button @click=${() => this.#go(this.step + 1)}
                >${this.t('builder.next')}</parley-button
              >`
            : html`<parley-button
                class="launch"
                ?disabled=${this.busy || this.#clock.passed}
                @click=${() => this.#launch()}
                >${this.t(this.draft.schedule ? 'builder.review.schedule' : 'builder.review.launch')}</parley-button
              >`
        }
      </footer>
    </div>`
  }

  /** The stepper is one Tab stop; arrows, Home and End move between its steps (then Enter). */
  #stepperKeys = (e: KeyboardEvent) => {
    const buttons = [...this.querySelectorAll<HTMLButtonElement>('.stepper button')]
    const at = buttons.indexOf(e.target as HTMLButtonElement)
    const next = {
      ArrowRight: at + 1,
      ArrowDown: at + 1,
      ArrowLeft: at - 1,
      ArrowUp: at - 1,
      Home: 0,
      End: buttons.length - 1,
    }[e.key]
    if (next === undefined || at < 0) return
    e.preventDefault()
    const target = buttons[Math.max(0, Math.min(buttons.length - 1, next))]
    buttons.forEach((b) => (b.tabIndex = b === target ? 0 : -1))
    target.focus()
  }
}

define('parley-campaign-builder', ParleyCampaignBuilder)

declare global {
  interface HTMLElementTagNameMap {
    'parley-campaign-builder': ParleyCampaignBuilder
  }
}
