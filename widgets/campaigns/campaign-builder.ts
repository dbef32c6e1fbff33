import { html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import { ParleyElement } from '../kit/parley-element.js'
import { define } from '../kit/define.js'
import { api } from '../kit/runtime.js'
import { describeError } from '../kit/errors.js'
import { localeFor } from '../kit/localize.js'
import { confirm } from '../kit/controls/confirm-dialog.js'
import type { SelectChangeEvent } from '../kit/controls/select.js'
import type { DateTimeChangeEvent } from '../kit/controls/date-time-picker.js'
import '../kit/controls/select.js'
import '../kit/controls/date-time-picker.js'
import '../kit/primitives/button.js'
import './campaign-builder.locales.js'
import './rule-editor.js'
import { ParleyCampaignLaunchedEvent, ParleyCampaignSavedEvent } from './campaigns.events.js'
import {
  DELAY_UNITS,
  count,
  delayParts,
  duration,
  estimateWhatsApp,
  isGroup,
  newRule,
  scheduleInstant,
  wallClock,
  type Campaign,
  type CampaignDraft,
  type DelayUnit,
  type Me,
  type Preview,
  type Rule,
  type RuleGroup,
  type Segment,
  type SendingNumber,
  type Step,
} from './campaign-model.js'

const STEPS = ['audience', 'message', 'schedule', 'review'] as const
/** Which builder step a field of the API's 422 details belongs to. */
const stepOf = (field: string) =>
  /^(steps)/.test(field) ? 1 : /^(schedule|limits)/.test(field) ? 2 : 0
const letter = (i: number) => String.fromCharCode(65 + i)
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T
const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'

/** Rules whose value is still to be filled in (the server would refuse them). */
function missingValues(group: RuleGroup, base = 'audience.rules'): string[] {
  return group.rules.flatMap((node, i) => {
    const at = `${base}.rules.${i}`
    if (isGroup(node)) return missingValues(node, at)
    const r = node as Rule
    const empty =
      'value' in r && (r.value === '' || (typeof r.value === 'number' && Number.isNaN(r.value)))
    const noKey = r.field === 'attributes.'
    return [...(empty ? [`${at}.value`] : []), ...(noKey ? [`${at}.field`] : [])]
  })
}

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
  @state() private preview?: Preview
  @state() private counting = false
  @state() private later = false
  @state() private rendered?: { steps: { body: string }[] }
  @state() private previewContact = ''
  /** The workspace's WhatsApp numbers (undefined: not known, or not readable with this session). */
  @state() private numbers?: SendingNumber[]
  @state() private busy = false
  @state() private savedId?: string

  #timer?: ReturnType<typeof setTimeout>
  #abort?: AbortController
  /** Redraws the builder when the scheduled time passes while it is open. */
  #passTimer?: ReturnType<typeof setTimeout>
  /** The message field the variables go into, and where its caret was. */
  #body?: { step: number; variant: number; start: number; end: number }

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
    this.counting = this.#listed() === undefined
    void api()
      .request<{ data: Segment[] }>('/v1/segments')
      .then((page) => {
        this.segments = page.data
        this.#count(0)
      })
      .catch(() => this.#count(0))
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    clearTimeout(this.#timer)
    clearTimeout(this.#passTimer)
    this.#abort?.abort()
  }

  protected updated(changed: PropertyValues<this>) {
    super.updated(changed)
    if (changed.has('draft' as keyof ParleyCampaignBuilder)) this.#watchSchedule()
  }

  /** The instant the schedule means in its time zone (the server's reading), if one is set. */
  #sendAt(): number | undefined {
    const s = this.draft.schedule
    return s?.sendAt ? scheduleInstant(s.sendAt, s.timezone) : undefined
  }

  /** Whether the scheduled time has come and gone: the server would refuse to launch it. */
  #passed() {
    const at = this.#sendAt()
    return at !== undefined && at <= Date.now()
  }

  /** Redraws when the scheduled time passes (the page may stay open across it). */
  #watchSchedule() {
    clearTimeout(this.#passTimer)
    const at = this.#sendAt()
    if (at === undefined || at <= Date.now()) return
    this.#passTimer = setTimeout(
      () => {
        this.requestUpdate()
        this.#watchSchedule()
      },
      Math.min(at - Date.now() + 1, 2 ** 31 - 1)
    )
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
    return this.#listed() ?? this.preview?.count
  }

  /** Changes the draft (and recounts the audience when who or where changed). */
  #patch(patch: Partial<CampaignDraft>) {
    this.draft = { ...this.draft, ...patch }
    for (const key of Object.keys(this.errors))
      if (Object.keys(patch).some((p) => key.startsWith(p))) delete this.errors[key]
    if ('audience' in patch || 'channel' in patch) this.#count()
  }

  #rules(): RuleGroup | undefined {
    const a = this.draft.audience
    if ('rules' in a) return a.rules
    if ('segmentId' in a) return this.segments.find((s) => s.id === a.segmentId)?.rules
    return undefined
  }

  /**
   * The live count, `wait` ms after the last change (the first one at once: nothing is being
   * typed); an older request in flight is dropped. `counting` holds from the change to the answer.
   */
  #count(wait = 400) {
    clearTimeout(this.#timer)
    const rules = this.#rules()
    if (!rules || missingValues(rules).length) {
      this.#abort?.abort()
      this.counting = false
      return
    }
    this.counting = true
    this.#timer = setTimeout(async () => {
      this.#abort?.abort()
      const abort = (this.#abort = new AbortController())
      try {
        this.preview = await api().request<Preview>('/v1/segments/preview', {
          method: 'POST',
          body: { rules, channel: this.draft.channel },
          signal: abort.signal,
        })
        this.previewContact ||= this.preview.sample[0]?.id ?? ''
      } catch (error) {
        if (!abort.signal.aborted) this.#fail(error)
      } finally {
        if (this.#abort === abort) this.counting = false
      }
    }, wait)
  }

  #fail(error: unknown) {
    this.dispatchEvent(new CustomEvent('campaign-failed', { detail: error }))
  }

  // Validation ---------------------------------------------------------------------------

  /** Problems of one step, by the API's field names, so they show where the server's would. */
  #check(step: number): Record<string, string> {
    const d = this.draft
    const errors: Record<string, string> = {}
    const required = this.t('builder.required')
    if (step === 0) {
      if (!d.name.trim()) errors.name = required
      const a = d.audience
      if ('segmentId' in a && !a.segmentId)
        errors['audience.segmentId'] = this.t('builder.audience.chooseSegment')
      if ('rules' in a) {
        if (!a.rules.rules.length) errors['audience.rules'] = this.t('builder.audience.noRules')
        for (const field of missingValues(a.rules)) errors[field] = required
      }
    }
    if (step === 1)
      d.steps.forEach((s, i) => {
        s.variants.forEach((v, j) => {
          if (!v.body.trim())
            errors[`steps.${i}.variants.${j}.body`] = this.t('builder.message.empty')
        })
        if (s.abTest && !(s.abTest.testShare > 0 && s.abTest.testShare <= 0.5))
          errors[`steps.${i}.abTest.testShare`] = this.t('builder.message.testShareRange')
      })
    if (step === 2) {
      if (d.schedule && !d.schedule.sendAt) errors['schedule.sendAt'] = required
      const q = d.limits.quietHours
      if (q && q.start === q.end) errors['limits.quietHours'] = this.t('builder.schedule.quietSame')
      const cap = d.limits.frequencyCap
      if (cap && !(cap.messages >= 1 && cap.days >= 1))
        errors['limits.frequencyCap'] = this.t('builder.schedule.capRange')
    }
    return errors
  }

  /** Goes to `step` if every step before it is complete; otherwise to the first one that is not. */
  #go(step: number) {
    for (let s = 0; s < step; s++) {
      const errors = this.#check(s)
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
    for (let s = 0; s < 3; s++) if (Object.keys(this.#check(s)).length) return this.#go(3)
    if (this.#passed()) return this.requestUpdate()
    const audience = count(this.#reach(), localeFor(this))
    const sure = await confirm({
      title: this.t(
        this.draft.schedule ? 'builder.review.confirmScheduleTitle' : 'builder.review.confirmTitle',
        { name: this.draft.name }
      ),
      message: this.draft.schedule
        ? this.t('builder.review.confirmSchedule', { count: audience, time: this.#scheduleText() })
        : this.t('builder.review.confirmNow', { count: audience }),
      confirmLabel: this.t(
        this.draft.schedule ? 'builder.review.schedule' : 'builder.review.launch'
      ),
      from: this,
    })
    // The time may have passed while the question was open: the review says so instead.
    if (!sure || this.#passed()) return this.requestUpdate()
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
        ${[this.#audience, this.#message, this.#schedule, this.#review][this.step].call(this)}
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
                ?disabled=${this.busy || this.#passed()}
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

  #error(field: string) {
    const text = this.errors[field]
    return text
      ? html`<p class="field-error" id=${`err-${field}`} role="alert">${text}</p>`
      : nothing
  }

  #invalid(field: string) {
    return this.errors[field] ? 'true' : 'false'
  }

  #audience() {
    const d = this.draft
    const a = d.audience
    return html`<div class="form-grid">
        <label class="field">
          <span>${this.t('builder.name')}</span>
          <input
            class="text"
            .value=${d.name}
            aria-invalid=${this.#invalid('name')}
            aria-describedby="err-name"
            @input=${(e: Event) => this.#patch({ name: (e.target as HTMLInputElement).value })}
          />
          ${this.#error('name')}
        </label>
        <fieldset class="choice">
          <legend>${this.t('builder.kind')}</legend>
          ${(['broadcast', 'drip'] as const).map(
            (k) =>
              html`<label
                ><input
                  type="radio"
                  name="kind"
                  .checked=${d.kind === k}
                  @change=${() => this.#patch({ kind: k, steps: k === 'broadcast' ? d.steps.slice(0, 1) : d.steps })}
                />
                <span
                  ><strong>${this.t(`campaigns.kind.${k}`)}</strong
                  ><small>${this.t(`builder.kindHint.${k}`)}</small></span
                ></label
              >`
          )}
        </fieldset>
        <fieldset class="choice">
          <legend>${this.t('builder.channel')}</legend>
          ${(['whatsapp', 'web'] as const).map(
            (c) =>
              html`<label
                ><input
                  type="radio"
                  name="channel"
                  .checked=${d.channel === c}
                  @change=${() => this.#patch({ channel: c })}
                />
                <span
                  ><strong>${this.t(`campaigns.channel.${c}`)}</strong
                  ><small>${this.t(`builder.channelHint.${c}`)}</small></span
                ></label
              >`
          )}
        </fieldset>
      </div>
      <div class="audience-layout">
        <div>
          <fieldset class="choice inline">
            <legend>${this.t('builder.audience.who')}</legend>
            <label
              ><input
                type="radio"
                name="source"
                .checked=${this.source === 'rules'}
                @change=${() => {
                  this.source = 'rules'
                  this.#patch({
                    audience: {
                      rules: this.#rules()
                        ? clone(this.#rules()!)
                        : { match: 'all', rules: [newRule()] },
                    },
                  })
                }}
              />${this.t('builder.audience.rules')}</label
            >
            <label
              ><input
                type="radio"
                name="source"
                .checked=${this.source === 'segment'}
                ?disabled=${!this.segments.length}
                @change=${() => {
                  this.source = 'segment'
                  this.#patch({ audience: { segmentId: this.segments[0]?.id ?? '' } })
                }}
              />${this.t('builder.audience.segment')}${this.segments.length ? nothing : html` <small class="muted">(${this.t('builder.audience.noSegments')})</small>`}</label
            >
          </fieldset>
          ${
            'segmentId' in a
              ? html`<parley-select
                  label=${this.t('builder.audience.segmentLabel')}
                  .value=${a.segmentId}
                  .error=${this.errors['audience.segmentId']}
                  .options=${this.segments.map((s) => ({ value: s.id, label: s.name }))}
                  @change=${(e: SelectChangeEvent) => this.#patch({ audience: { segmentId: e.detail.value } })}
                ></parley-select>`
              : 'rules' in a
                ? html`<parley-rule-editor
                      .rules=${a.rules}
                      .errors=${this.errors}
                      .locale=${this.locale}
                      .tags=${[...new Set(this.preview?.sample.flatMap((c) => (c as { tags?: string[] }).tags ?? []) ?? [])]}
                      @rules-change=${(e: CustomEvent<RuleGroup>) => this.#patch({ audience: { rules: e.detail } })}
                    ></parley-rule-editor>
                    ${this.#error('audience.rules')}`
                : html`<p>
                    ${this.t('builder.audience.contacts', { count: a.contactIds.length })}
                  </p>`
          }
        </div>
        ${this.#countPanel()}
      </div>`
  }

  #countPanel() {
    const p = this.preview
    const locale = localeFor(this)
    const listed = this.#listed()
    if (listed !== undefined)
      return html`<aside class="count-panel" part="count" aria-live="polite" aria-busy="false">
        <p class="big">${count(listed, locale)}</p>
        <p>${this.t('builder.count.listed')}</p>
        <p class="muted small">${this.t('builder.count.listNote')}</p>
      </aside>`
    const excluded = Object.entries(p?.excluded ?? {}).filter(([, n]) => n > 0)
    return html`<aside
      class="count-panel"
      part="count"
      aria-live="polite"
      aria-busy=${this.counting ? 'true' : 'false'}
    >
      <p class="big">${p ? count(p.count, locale) : '—'}</p>
      <p>
        ${this.t(this.draft.channel === 'whatsapp' ? 'builder.count.whatsapp' : 'builder.count.web')}
      </p>
      ${this.counting ? html`<p class="muted small">${this.t('builder.count.counting')}</p>` : nothing}
      ${
        excluded.length
          ? html`<h4>${this.t('builder.count.excluded')}</h4>
              <ul class="reasons">
                ${excluded.map(([reason, n]) => html`<li><span>${this.#reason(reason)}</span><strong>${count(n, locale)}</strong></li>`)}
              </ul>`
          : nothing
      }
      ${
        p?.sample.length
          ? html`<h4>${this.t('builder.count.sample')}</h4>
              <ul class="sample">
                ${p.sample.slice(0, 5).map((c) => html`<li>${c.name || c.phone || c.email || c.id.slice(0, 8)}</li>`)}
              </ul>`
          : nothing
      }
    </aside>`
  }

  #reason(code: string) {
    const key = `campaigns.reason.${code}`
    const text = this.t(key as 'campaigns.reason.optedOut')
    return text === key ? code : text
  }

  #setStep(i: number, step: Step) {
    const steps = [...this.draft.steps]
    steps[i] = step
    this.#patch({ steps })
  }

  #message() {
    const d = this.draft
    const drip = d.kind === 'drip'
    return html`<p class="muted">${this.t('builder.message.hint')}</p>
      <div class="variables" role="group" aria-label=${this.t('builder.message.insert')}>
        <span>${this.t('builder.message.insert')}</span>
        ${(
          ['firstName', 'lastName', 'name', 'phone', 'email', 'workspace', 'attribute'] as const
        ).map(
          (v) =>
            html`<button
              type="button"
              class="chip"
              @mousedown=${(e: Event) => e.preventDefault()}
              @click=${() => this.#insert(v)}
            >
              ${this.t(`builder.var.${v}`)}
            </button>`
        )}
      </div>
      <ol class=${drip ? 'timeline' : 'single'}>
        ${d.steps.map((s, i) => this.#stepCard(s, i, drip))}
      </ol>
      ${
        drip && d.steps.length < 10
          ? html`<parley-button
              variant="secondary"
              size="sm"
              @click=${() => this.#patch({ steps: [...d.steps, { delayMinutes: 1440, variants: [{ body: '', weight: 1 }] }] })}
              >${this.t('builder.message.addStep')}</parley-button
            >`
          : nothing
      }
      ${this.#phone()}`
  }

  #stepCard(s: Step, i: number, drip: boolean) {
    const steps = this.draft.steps
    const delay = delayParts(s.delayMinutes)
    const total = s.variants.reduce((sum, v) => sum + (v.weight ?? 1), 0)
    const move = (to: number) => {
      const next = [...steps]
      ;[next[i], next[to]] = [next[to], next[i]]
      this.#patch({ steps: next })
    }
    return html`<li class="step-card">
      ${
        drip
          ? html`<div class="step-head">
              <h4>${this.t('builder.message.step', { n: i + 1 })}</h4>
              <span class="delay">
                <label
                  >${this.t(i ? 'builder.message.wait' : 'builder.message.waitFirst')}
                  <input
                    class="text narrow"
                    type="number"
                    min="0"
                    .value=${String(delay.amount)}
                    @change=${(e: Event) => this.#setStep(i, { ...s, delayMinutes: Math.max(0, Number((e.target as HTMLInputElement).value)) * DELAY_UNITS[delay.unit] })}
                  />
                </label>
                <parley-select
                  size="sm"
                  hide-label
                  label=${this.t('builder.message.unit')}
                  .value=${delay.unit}
                  .options=${Object.keys(DELAY_UNITS).map((u) => ({ value: u, label: this.t(`builder.unit.${u as DelayUnit}`) }))}
                  @change=${(e: SelectChangeEvent) => this.#setStep(i, { ...s, delayMinutes: delay.amount * DELAY_UNITS[e.detail.value as DelayUnit] })}
                ></parley-select>
              </span>
              <span class="step-tools">
                <parley-button
                  size="sm"
                  variant="ghost"
                  label=${this.t('builder.message.up', { n: i + 1 })}
                  ?disabled=${i === 0}
                  @click=${() => move(i - 1)}
                  >↑</parley-button
                >
                <parley-button
                  size="sm"
                  variant="ghost"
                  label=${this.t('builder.message.down', { n: i + 1 })}
                  ?disabled=${i === steps.length - 1}
                  @click=${() => move(i + 1)}
                  >↓</parley-button
                >
                <parley-button
                  size="sm"
                  variant="ghost"
                  label=${this.t('builder.message.removeStep', { n: i + 1 })}
                  ?disabled=${steps.length === 1}
                  @click=${() => this.#patch({ steps: steps.filter((_, j) => j !== i) })}
                  >✕</parley-button
                >
              </span>
            </div>`
          : nothing
      }
      ${s.variants.map((v, j) => {
        const field = `steps.${i}.variants.${j}.body`
        return html`<div class="variant">
          <div class="variant-head">
            <label for=${`body-${i}-${j}`}
              >${s.variants.length > 1 ? this.t('campaigns.variant', { letter: letter(j) }) : this.t('builder.message.body')}</label
            >
            ${
              s.variants.length > 1
                ? html`<label class="weight"
                      >${this.t('builder.message.weight')}
                      <input
                        class="text narrow"
                        type="number"
                        min="1"
                        max="100"
                        .value=${String(v.weight ?? 1)}
                        @change=${(e: Event) => {
                          const variants = [...s.variants]
                          variants[j] = {
                            ...v,
                            weight: Math.max(1, Number((e.target as HTMLInputElement).value) || 1),
                          }
                          this.#setStep(i, { ...s, variants })
                        }}
                    /></label>
                    <span class="muted small"
                      >${Math.round(((v.weight ?? 1) / total) * 100)} %</span
                    >
                    <parley-button
                      size="sm"
                      variant="ghost"
                      label=${this.t('builder.message.removeVariant', { letter: letter(j) })}
                      @click=${() => this.#setStep(i, { ...s, variants: s.variants.filter((_, k) => k !== j), abTest: s.variants.length > 2 ? s.abTest : null })}
                      >✕</parley-button
                    >`
                : nothing
            }
          </div>
          <textarea
            id=${`body-${i}-${j}`}
            class="text body"
            rows="4"
            maxlength="4096"
            .value=${v.body}
            aria-invalid=${this.#invalid(field)}
            aria-describedby=${`err-${field}`}
            @focus=${(e: Event) => this.#remember(e, i, j)}
            @select=${(e: Event) => this.#remember(e, i, j)}
            @keyup=${(e: Event) => this.#remember(e, i, j)}
            @click=${(e: Event) => this.#remember(e, i, j)}
            @input=${(e: Event) => {
              this.#remember(e, i, j)
              const variants = [...s.variants]
              variants[j] = { ...v, body: (e.target as HTMLTextAreaElement).value }
              this.#setStep(i, { ...s, variants })
            }}
          ></textarea>
          ${this.#error(field)}
        </div>`
      })}
      ${
        s.variants.length < 5
          ? html`<parley-button
              size="sm"
              variant="secondary"
              @click=${() => this.#setStep(i, { ...s, variants: [...s.variants, { body: s.variants[0]?.body ?? '', weight: 1 }] })}
              >${this.t('builder.message.addVariant')}</parley-button
            >`
          : nothing
      }
      ${s.variants.length > 1 ? this.#abTest(s, i) : nothing}
    </li>`
  }

  #abTest(s: Step, i: number) {
    const ab = s.abTest
    return html`<div class="abtest">
      <label class="check"
        ><input
          type="checkbox"
          .checked=${Boolean(ab)}
          @change=${(e: Event) => this.#setStep(i, { ...s, abTest: (e.target as HTMLInputElement).checked ? { testShare: 0.2, decideAfterHours: 4 } : null })}
        />${this.t('builder.message.autoWinner')}</label
      >
      ${
        ab
          ? html`<div class="inline-fields">
                <label
                  >${this.t('builder.message.testShare')}
                  <input
                    class="text narrow"
                    type="number"
                    min="1"
                    max="50"
                    .value=${String(Math.round(ab.testShare * 100))}
                    aria-invalid=${this.#invalid(`steps.${i}.abTest.testShare`)}
                    @change=${(e: Event) => this.#setStep(i, { ...s, abTest: { ...ab, testShare: Number((e.target as HTMLInputElement).value) / 100 } })}
                  />
                  %</label
                >
                <label
                  >${this.t('builder.message.decideAfter')}
                  <input
                    class="text narrow"
                    type="number"
                    min="1"
                    max="168"
                    .value=${String(ab.decideAfterHours)}
                    @change=${(e: Event) => this.#setStep(i, { ...s, abTest: { ...ab, decideAfterHours: Math.max(1, Number((e.target as HTMLInputElement).value)) } })}
                  />
                  h</label
                >
              </div>
              <p class="muted small">
                ${this.t('builder.message.abHint', { share: Math.round(ab.testShare * 100), hours: ab.decideAfterHours })}
              </p>
              ${this.#error(`steps.${i}.abTest.testShare`)}`
          : nothing
      }
    </div>`
  }

  #remember(e: Event, step: number, variant: number) {
    const area = e.target as HTMLTextAreaElement
    this.#body = { step, variant, start: area.selectionStart, end: area.selectionEnd }
  }

  /** Puts a variable at the caret of the last message field used (the first one otherwise). */
  #insert(variable: string) {
    const at = this.#body ?? { step: 0, variant: 0, start: Infinity, end: Infinity }
    const text =
      variable === 'firstName'
        ? `{{contact.firstName | default: "${this.t('builder.var.fallback')}"}}`
        : variable === 'workspace'
          ? '{{workspace.name}}'
          : variable === 'attribute'
            ? '{{contact.attributes.key}}'
            : `{{contact.${variable}}}`
    const s = this.draft.steps[at.step]
    const v = s.variants[at.variant]
    const start = Math.min(at.start, v.body.length)
    const end = Math.min(at.end, v.body.length)
    const variants = [...s.variants]
    variants[at.variant] = { ...v, body: v.body.slice(0, start) + text + v.body.slice(end) }
    this.#setStep(at.step, { ...s, variants })
    void this.updateComplete.then(() => {
      const area = this.querySelector<HTMLTextAreaElement>(`#body-${at.step}-${at.variant}`)
      if (!area) return
      area.focus()
      // An attribute's key is selected, ready to be typed over.
      const caret = start + text.length
      if (variable === 'attribute') area.setSelectionRange(caret - 5, caret - 2)
      else area.setSelectionRange(caret, caret)
      this.#body = { ...at, start: area.selectionStart, end: area.selectionEnd }
    })
  }

  /** The message as the contact will see it: a WhatsApp bubble, or the web chat's. */
  #phone() {
    const a = this.draft.audience
    const options =
      'contactIds' in a
        ? a.contactIds.map((id) => ({ value: id, label: id.slice(0, 8) }))
        : (this.preview?.sample ?? []).map((c) => ({
            value: c.id,
            label: c.name || c.phone || c.email || c.id.slice(0, 8),
          }))
    const bodies = this.rendered?.steps.map((s) => s.body)
    return html`<div class="preview-row">
      <div class="preview-controls">
        <h4>${this.t('builder.preview.title')}</h4>
        ${
          options.length
            ? html`<parley-select
                  label=${this.t('builder.preview.contact')}
                  .value=${this.previewContact}
                  .options=${options}
                  @change=${(e: SelectChangeEvent) => (this.previewContact = e.detail.value)}
                ></parley-select>
                <parley-button
                  variant="secondary"
                  size="sm"
                  ?disabled=${this.busy}
                  @click=${() => this.#renderFor()}
                  >${this.t('builder.preview.render')}</parley-button
                >
                <p class="muted small">${this.t('builder.preview.saves')}</p>`
            : html`<p class="muted small" aria-busy=${this.counting ? 'true' : 'false'}>
                ${this.t(this.counting ? 'builder.count.counting' : 'builder.preview.noContacts')}
              </p>`
        }
      </div>
      <div
        class="phone p-${this.draft.channel}"
        part="phone"
        role="group"
        aria-label=${this.t('builder.preview.title')}
      >
        <div class="phone-bar">
          ${this.draft.channel === 'whatsapp' ? 'WhatsApp' : this.t('campaigns.channel.web')}
        </div>
        <div class="phone-wall">
          ${(bodies ?? this.draft.steps.map((s) => s.variants[0]?.body ?? '')).map(
            (body) => html`<p class="bubble">${body}<span class="time">09:41</span></p>`
          )}
          ${bodies ? nothing : html`<p class="muted small template-note">${this.t('builder.preview.template')}</p>`}
        </div>
      </div>
    </div>`
  }

  #schedule() {
    const d = this.draft
    const zones = (
      Intl as unknown as { supportedValuesOf?: (k: string) => string[] }
    ).supportedValuesOf?.('timeZone') ?? [localZone()]
    const q = d.limits.quietHours
    const cap = d.limits.frequencyCap
    const limits = (patch: Partial<CampaignDraft['limits']>) =>
      this.#patch({ limits: { ...d.limits, ...patch } })
    const passed = this.#passed()
    return html`<fieldset class="choice">
        <legend>${this.t('builder.schedule.when')}</legend>
        <label
          ><input
            type="radio"
            name="when"
            .checked=${!this.later}
            @change=${() => ((this.later = false), this.#patch({ schedule: null }))}
          />${this.t('builder.schedule.now')}</label
        >
        <label
          ><input
            type="radio"
            name="when"
            .checked=${this.later}
            @change=${() => ((this.later = true), this.#patch({ schedule: { sendAt: '', timezone: localZone() } }))}
          />${this.t('builder.schedule.later')}</label
        >
      </fieldset>
      ${
        d.schedule
          ? html`<div class="inline-fields top">
                <parley-date-time-picker
                  type="datetime"
                  minute-step="5"
                  label=${this.t('builder.schedule.sendAt')}
                  min=${wallClock(Date.now(), d.schedule.timezone)}
                  .value=${d.schedule.sendAt.slice(0, 16)}
                  .error=${this.errors['schedule.sendAt'] ?? (passed ? this.t('builder.schedule.passedField') : undefined)}
                  @change=${(e: DateTimeChangeEvent) => this.#patch({ schedule: { ...d.schedule!, sendAt: e.detail.value ? `${e.detail.value}:00` : '' } })}
                ></parley-date-time-picker>
                <parley-select
                  label=${this.t('builder.schedule.timezone')}
                  .value=${d.schedule.timezone}
                  .error=${this.errors['schedule.timezone']}
                  .options=${zones.map((z) => ({ value: z, label: z.replaceAll('_', ' ') }))}
                  @change=${(e: SelectChangeEvent) => this.#patch({ schedule: { ...d.schedule!, timezone: e.detail.value } })}
                ></parley-select>
              </div>
              ${passed ? this.#passedNotice() : nothing}`
          : nothing
      }
      <fieldset class="limit">
        <legend>
          <label class="check"
            ><input
              type="checkbox"
              .checked=${Boolean(q)}
              @change=${(e: Event) => limits({ quietHours: (e.target as HTMLInputElement).checked ? { start: '21:00', end: '08:00' } : null })}
            />${this.t('builder.schedule.quiet')}</label
          >
        </legend>
        ${
          q
            ? html`<div class="inline-fields">
                <label
                  >${this.t('builder.schedule.from')}
                  <input
                    class="text"
                    type="time"
                    .value=${q.start}
                    aria-invalid=${this.#invalid('limits.quietHours')}
                    @change=${(e: Event) => limits({ quietHours: { ...q, start: (e.target as HTMLInputElement).value } })}
                /></label>
                <label
                  >${this.t('builder.schedule.to')}
                  <input
                    class="text"
                    type="time"
                    .value=${q.end}
                    @change=${(e: Event) => limits({ quietHours: { ...q, end: (e.target as HTMLInputElement).value } })}
                /></label>
              </div>`
            : nothing
        }
        <p class="muted small">${this.t('builder.schedule.quietHint')}</p>
        ${this.#error('limits.quietHours')}
      </fieldset>
      <fieldset class="limit">
        <legend>
          <label class="check"
            ><input
              type="checkbox"
              .checked=${Boolean(cap)}
              @change=${(e: Event) => limits({ frequencyCap: (e.target as HTMLInputElement).checked ? { messages: 1, days: 7 } : null })}
            />${this.t('builder.schedule.cap')}</label
          >
        </legend>
        ${
          cap
            ? html`<div class="inline-fields">
                <label
                  >${this.t('builder.schedule.atMost')}
                  <input
                    class="text narrow"
                    type="number"
                    min="1"
                    .value=${String(cap.messages)}
                    aria-invalid=${this.#invalid('limits.frequencyCap')}
                    @change=${(e: Event) => limits({ frequencyCap: { ...cap, messages: Number((e.target as HTMLInputElement).value) } })}
                /></label>
                <label
                  >${this.t('builder.schedule.perDays')}
                  <input
                    class="text narrow"
                    type="number"
                    min="1"
                    .value=${String(cap.days)}
                    @change=${(e: Event) => limits({ frequencyCap: { ...cap, days: Number((e.target as HTMLInputElement).value) } })}
                /></label>
              </div>`
            : nothing
        }
        <p class="muted small">${this.t('builder.schedule.capHint')}</p>
        ${this.#error('limits.frequencyCap')}
      </fieldset>
      ${
        d.kind === 'drip'
          ? html`<label class="check"
              ><input
                type="checkbox"
                .checked=${d.limits.stopOnReply !== false}
                @change=${(e: Event) => limits({ stopOnReply: (e.target as HTMLInputElement).checked })}
              />${this.t('builder.schedule.stopOnReply')}</label
            >`
          : nothing
      }`
  }

  /**
   * The scheduled time has passed: said in words (announced), with the two ways out, send on
   * launch or pick a later time. The same on the schedule step and the review.
   */
  #passedNotice() {
    return html`<div class="notice warn passed" part="schedule-passed" role="alert">
      <p>${this.t('builder.schedule.passed', { time: this.#scheduleText() })}</p>
      <div class="actions">
        <parley-button size="sm" @click=${() => this.#sendNow()}
          >${this.t('builder.schedule.sendNow')}</parley-button
        >
        <parley-button size="sm" variant="secondary" @click=${() => this.#pickLater()}
          >${this.t('builder.schedule.pickLater')}</parley-button
        >
      </div>
    </div>`
  }

  /** Drops the schedule (send on launch); focus goes where the choice now shows. */
  #sendNow() {
    this.later = false
    this.#patch({ schedule: null })
    void this.updateComplete.then(() =>
      (this.step === 3
        ? this.querySelector<HTMLElement>('parley-button.launch')
        : this.querySelector<HTMLElement>('input[name="when"]:checked')
      )?.focus()
    )
  }

  /** Opens the time field's calendar (on the schedule step) to choose a later time. */
  async #pickLater() {
    if (this.step !== 2) this.#go(2)
    await this.updateComplete
    const picker = this.querySelector<HTMLElement & { show(): Promise<void> }>(
      'parley-date-time-picker'
    )
    picker?.focus()
    await picker?.show()
  }

  #scheduleText() {
    const s = this.draft.schedule
    if (!s) return this.t('builder.schedule.now')
    const [date, time] = s.sendAt.split('T')
    const local = new Date(`${date}T${time ?? '00:00'}Z`)
    return `${new Intl.DateTimeFormat(localeFor(this), { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(local)} (${s.timezone.replaceAll('_', ' ')})`
  }

  #review() {
    const d = this.draft
    const locale = localeFor(this)
    const audience = this.#reach()
    const listed = this.#listed()
    const a = d.audience
    const who =
      'segmentId' in a
        ? (this.segments.find((s) => s.id === a.segmentId)?.name ?? '')
        : 'rules' in a
          ? this.t('builder.review.rules', { count: a.rules.rules.length })
          : this.t('builder.audience.contacts', { count: a.contactIds.length })
    const reach =
      listed !== undefined
        ? this.t('builder.review.listReach', { count: count(listed, locale) })
        : this.counting
          ? this.t('builder.count.counting')
          : this.t('builder.review.reach', { count: count(audience, locale) })
    const variants = d.steps.reduce((n, s) => n + s.variants.length, 0)
    const q = d.limits.quietHours
    const cap = d.limits.frequencyCap
    return html`${this.#passed() ? this.#passedNotice() : nothing}
      <dl class="summary">
        <div>
          <dt>${this.t('builder.name')}</dt>
          <dd>${d.name}</dd>
        </div>
        <div>
          <dt>${this.t('builder.channel')}</dt>
          <dd>
            ${this.t(`campaigns.channel.${d.channel}`)} · ${this.t(`campaigns.kind.${d.kind}`)}
          </dd>
        </div>
        <div>
          <dt>${this.t('campaigns.audience')}</dt>
          <dd aria-busy=${this.counting && listed === undefined ? 'true' : 'false'}>
            ${who} · ${reach}
          </dd>
        </div>
        <div>
          <dt>${this.t('builder.step.message')}</dt>
          <dd>${this.t('builder.review.messages', { steps: d.steps.length, variants })}</dd>
        </div>
        <div>
          <dt>${this.t('builder.schedule.when')}</dt>
          <dd>${this.#scheduleText()}</dd>
        </div>
        <div>
          <dt>${this.t('builder.schedule.quiet')}</dt>
          <dd>${q ? `${q.start}–${q.end}` : this.t('builder.review.off')}</dd>
        </div>
        <div>
          <dt>${this.t('builder.schedule.cap')}</dt>
          <dd>
            ${cap ? this.t('builder.review.cap', { messages: cap.messages, days: cap.days }) : this.t('builder.review.off')}
          </dd>
        </div>
      </dl>
      ${this.#estimate(audience ?? 0)}`
  }

  #estimate(recipients: number) {
    const locale = localeFor(this)
    if (this.draft.channel === 'web')
      return html`<div class="estimate">
        <h4>${this.t('builder.review.duration')}</h4>
        <p>${this.t('builder.review.web')}</p>
      </div>`
    const e = estimateWhatsApp(recipients * this.draft.steps.length, this.numbers ?? [])
    const counting = this.counting && this.#listed() === undefined
    return html`<div class="estimate" aria-busy=${counting ? 'true' : 'false'}>
      <h4>${this.t('builder.review.duration')}</h4>
      <p class="big">
        ${
          counting
            ? this.t('builder.count.counting')
            : recipients
              ? this.t('builder.review.about', { time: duration(e.seconds, locale) })
              : '—'
        }
      </p>
      <p>
        ${this.t('builder.review.numbers', { numbers: e.numbers, cap: count(e.today, locale) })}
      </p>
      <p class="muted">${this.t('builder.review.pace')}</p>
      ${!this.numbers || this.numbers.some((n) => n.status === 'open') ? nothing : html`<p class="notice warn">${this.t('builder.review.noNumber')}</p>`}
    </div>`
  }
}

define('parley-campaign-builder', ParleyCampaignBuilder)

declare global {
  interface HTMLElementTagNameMap {
    'parley-campaign-builder': ParleyCampaignBuilder
  }
}
