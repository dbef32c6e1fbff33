import { html, nothing } from 'lit'
import { localeFor } from '../kit/localize.js'
import { count, duration, estimateWhatsApp } from './campaign-model.js'
import type { BuilderView } from './builder-view.js'
import { passedNotice, scheduleText } from './builder-schedule-step.js'

/** The review: what was chosen, the reach, and how long sending will take. */
export function reviewStep(view: BuilderView) {
  const d = view.draft
  const locale = localeFor(view.host)
  const audience = view.reach()
  const listed = view.listed()
  const a = d.audience
  const who =
    'segmentId' in a
      ? (view.segments.find((s) => s.id === a.segmentId)?.name ?? '')
      : 'rules' in a
        ? view.t('builder.review.rules', { count: a.rules.rules.length })
        : view.t('builder.audience.contacts', { count: a.contactIds.length })
  const reach =
    listed !== undefined
      ? view.t('builder.review.listReach', { count: count(listed, locale) })
      : view.audienceCount.counting
        ? view.t('builder.count.counting')
        : view.t('builder.review.reach', { count: count(audience, locale) })
  const variants = d.steps.reduce((n, s) => n + s.variants.length, 0)
  const q = d.limits.quietHours
  const cap = d.limits.frequencyCap
  // As the builder had it: prettier, given the room, would drop the whitespace around the text
  // of some <dd> and <p> (unseen, but not the same DOM).
  // prettier-ignore
  return html`${view.clock.passed ? passedNotice(view) : nothing}
    <dl class="summary">
      <div>
        <dt>${view.t('builder.name')}</dt>
        <dd>${d.name}</dd>
      </div>
      <div>
        <dt>${view.t('builder.channel')}</dt>
        <dd>
          ${view.t(`campaigns.channel.${d.channel}`)} · ${view.t(`campaigns.kind.${d.kind}`)}
        </dd>
      </div>
      <div>
        <dt>${view.t('campaigns.audience')}</dt>
        <dd aria-busy=${view.audienceCount.counting && listed === undefined ? 'true' : 'false'}>
          ${who} · ${reach}
        </dd>
      </div>
      <div>
        <dt>${view.t('builder.step.message')}</dt>
        <dd>${view.t('builder.review.messages', { steps: d.steps.length, variants })}</dd>
      </div>
      <div>
        <dt>${view.t('builder.schedule.when')}</dt>
        <dd>${scheduleText(view)}</dd>
      </div>
      <div>
        <dt>${view.t('builder.schedule.quiet')}</dt>
        <dd>${q ? `${q.start}–${q.end}` : view.t('builder.review.off')}</dd>
      </div>
      <div>
        <dt>${view.t('builder.schedule.cap')}</dt>
        <dd>
          ${cap ? view.t('builder.review.cap', { messages: cap.messages, days: cap.days }) : view.t('builder.review.off')}
        </dd>
      </div>
    </dl>
    ${estimate(view, audience ?? 0)}`
}

/** How long sending takes at the configured pace (WhatsApp), from the reach. */
function estimate(view: BuilderView, recipients: number) {
  const locale = localeFor(view.host)
  if (view.draft.channel === 'web')
    return html`<div class="estimate">
      <h4>${view.t('builder.review.duration')}</h4>
      <p>${view.t('builder.review.web')}</p>
    </div>`
  const e = estimateWhatsApp(recipients * view.draft.steps.length, view.numbers ?? [])
  const counting = view.audienceCount.counting && view.listed() === undefined
  // prettier-ignore
  return html`<div class="estimate" aria-busy=${counting ? 'true' : 'false'}>
    <h4>${view.t('builder.review.duration')}</h4>
    <p class="big">
      ${
        counting
          ? view.t('builder.count.counting')
          : recipients
            ? view.t('builder.review.about', { time: duration(e.seconds, locale) })
            : '—'
      }
    </p>
    <p>
      ${view.t('builder.review.numbers', { numbers: e.numbers, cap: count(e.today, locale) })}
    </p>
    <p class="muted">${view.t('builder.review.pace')}</p>
    ${!view.numbers || view.numbers.some((n) => n.status === 'open') ? nothing : html`<p class="notice warn">${view.t('builder.review.noNumber')}</p>`}
  </div>`
}
