import { html, nothing } from 'lit'
import { localeFor } from '../kit/localize.js'
import type { SelectChangeEvent } from '../kit/controls/select.js'
import type { DateTimeChangeEvent } from '../kit/controls/date-time-picker.js'
import '../kit/controls/select.js'
import '../kit/controls/date-time-picker.js'
import '../kit/primitives/button.js'
import { wallClock, type CampaignDraft } from './campaign-model.js'
import { fieldError, invalid, localZone, type BuilderView } from './builder-view.js'

/** When: now or later (a time in a time zone), quiet hours, frequency cap, stop on reply. */
export function scheduleStep(view: BuilderView) {
  const d = view.draft
  const zones = (
    Intl as unknown as { supportedValuesOf?: (k: string) => string[] }
  ).supportedValuesOf?.('timeZone') ?? [localZone()]
  const q = d.limits.quietHours
  const cap = d.limits.frequencyCap
  const limits = (patch: Partial<CampaignDraft['limits']>) =>
    view.patch({ limits: { ...d.limits, ...patch } })
  const passed = view.clock.passed
  return html`<fieldset class="choice">
      <legend>${view.t('builder.schedule.when')}</legend>
      <label
        ><input
          type="radio"
          name="when"
          .checked=${!view.later}
          @change=${() => (view.setLater(false), view.patch({ schedule: null }))}
        />${view.t('builder.schedule.now')}</label
      >
      <label
        ><input
          type="radio"
          name="when"
          .checked=${view.later}
          @change=${() => (view.setLater(true), view.patch({ schedule: { sendAt: '', timezone: localZone() } }))}
        />${view.t('builder.schedule.later')}</label
      >
    </fieldset>
    ${
      d.schedule
        ? html`<div class="inline-fields top">
              <parley-date-time-picker
                type="datetime"
                minute-step="5"
                label=${view.t('builder.schedule.sendAt')}
                min=${wallClock(Date.now(), d.schedule.timezone)}
                .value=${d.schedule.sendAt.slice(0, 16)}
                .error=${view.errors['schedule.sendAt'] ?? (passed ? view.t('builder.schedule.passedField') : undefined)}
                @change=${(e: DateTimeChangeEvent) => view.patch({ schedule: { ...d.schedule!, sendAt: e.detail.value ? `${e.detail.value}:00` : '' } })}
              ></parley-date-time-picker>
              <parley-select
                label=${view.t('builder.schedule.timezone')}
                .value=${d.schedule.timezone}
                .error=${view.errors['schedule.timezone']}
                .options=${zones.map((z) => ({ value: z, label: z.replaceAll('_', ' ') }))}
                @change=${(e: SelectChangeEvent) => view.patch({ schedule: { ...d.schedule!, timezone: e.detail.value } })}
              ></parley-select>
            </div>
            ${passed ? passedNotice(view) : nothing}`
        : nothing
    }
    <fieldset class="limit">
      <legend>
        <label class="check"
          ><input
            type="checkbox"
            .checked=${Boolean(q)}
            @change=${(e: Event) => limits({ quietHours: (e.target as HTMLInputElement).checked ? { start: '21:00', end: '08:00' } : null })}
          />${view.t('builder.schedule.quiet')}</label
        >
      </legend>
      ${
        q
          ? html`<div class="inline-fields">
              <label
                >${view.t('builder.schedule.from')}
                <input
                  class="text"
                  type="time"
                  .value=${q.start}
                  aria-invalid=${invalid(view, 'limits.quietHours')}
                  @change=${(e: Event) => limits({ quietHours: { ...q, start: (e.target as HTMLInputElement).value } })}
              /></label>
              <label
                >${view.t('builder.schedule.to')}
                <input
                  class="text"
                  type="time"
                  .value=${q.end}
                  @change=${(e: Event) => limits({ quietHours: { ...q, end: (e.target as HTMLInputElement).value } })}
              /></label>
            </div>`
          : nothing
      }
      <p class="muted small">${view.t('builder.schedule.quietHint')}</p>
      ${fieldError(view, 'limits.quietHours')}
    </fieldset>
    <fieldset class="limit">
      <legend>
        <label class="check"
          ><input
            type="checkbox"
            .checked=${Boolean(cap)}
            @change=${(e: Event) => limits({ frequencyCap: (e.target as HTMLInputElement).checked ? { messages: 1, days: 7 } : null })}
          />${view.t('builder.schedule.cap')}</label
        >
      </legend>
      ${
        cap
          ? html`<div class="inline-fields">
              <label
                >${view.t('builder.schedule.atMost')}
                <input
                  class="text narrow"
                  type="number"
                  min="1"
                  .value=${String(cap.messages)}
                  aria-invalid=${invalid(view, 'limits.frequencyCap')}
                  @change=${(e: Event) => limits({ frequencyCap: { ...cap, messages: Number((e.target as HTMLInputElement).value) } })}
              /></label>
              <label
                >${view.t('builder.schedule.perDays')}
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
      <p class="muted small">${view.t('builder.schedule.capHint')}</p>
      ${fieldError(view, 'limits.frequencyCap')}
    </fieldset>
    ${
      d.kind === 'drip'
        ? html`<label class="check"
            ><input
              type="checkbox"
              .checked=${d.limits.stopOnReply !== false}
              @change=${(e: Event) => limits({ stopOnReply: (e.target as HTMLInputElement).checked })}
            />${view.t('builder.schedule.stopOnReply')}</label
          >`
        : nothing
    }`
}

/**
 * The scheduled time has passed: said in words (announced), with the two ways out, send on
 * launch or pick a later time. The same on the schedule step and the review.
 */
export function passedNotice(view: BuilderView) {
  return html`<div class="notice warn passed" part="schedule-passed" role="alert">
    <p>${view.t('builder.schedule.passed', { time: scheduleText(view) })}</p>
    <div class="actions">
      <parley-button size="sm" @click=${() => sendNow(view)}
        >${view.t('builder.schedule.sendNow')}</parley-button
      >
      <parley-button size="sm" variant="secondary" @click=${() => pickLater(view)}
        >${view.t('builder.schedule.pickLater')}</parley-button
      >
    </div>
  </div>`
}

/** Drops the schedule (send on launch); focus goes where the choice now shows. */
function sendNow(view: BuilderView) {
  view.setLater(false)
  view.patch({ schedule: null })
  void view.host.updateComplete.then(() =>
    (view.step === 3
      ? view.host.querySelector<HTMLElement>('parley-button.launch')
      : view.host.querySelector<HTMLElement>('input[name="when"]:checked')
    )?.focus()
  )
}

/** Opens the time field's calendar (on the schedule step) to choose a later time. */
async function pickLater(view: BuilderView) {
  if (view.step !== 2) view.go(2)
  await view.host.updateComplete
  const picker = view.host.querySelector<HTMLElement & { show(): Promise<void> }>(
    'parley-date-time-picker'
  )
  picker?.focus()
  await picker?.show()
}

/** When it sends, in words: "now", or the day and time in its time zone. */
export function scheduleText(view: BuilderView) {
  const s = view.draft.schedule
  if (!s) return view.t('builder.schedule.now')
  const [date, time] = s.sendAt.split('T')
  const local = new Date(`${date}T${time ?? '00:00'}Z`)
  return `${new Intl.DateTimeFormat(localeFor(view.host), { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(local)} (${s.timezone.replaceAll('_', ' ')})`
}
