import { html, nothing } from 'lit'
import type { MessageKey } from '../kit/localize.js'
import {
  FEATURES,
  INTERVALS,
  changeTo,
  isFree,
  monthly,
  priceFor,
  type Change,
  type Formats,
  type Interval,
  type Plan,
  type Subscription,
} from './billing.types.js'

type T = (key: MessageKey, params?: Record<string, string | number>) => string

export interface PickerView {
  t: T
  f: Formats
  plans: Plan[]
  current: Plan | null
  subscription: Subscription | null
  interval: Interval
  canManage: boolean
  /** The plan whose change is being previewed or applied. */
  busy?: string
  onInterval: (interval: Interval) => void
  onChoose: (plan: Plan, change: Change) => void
}

/** The largest yearly saving over twelve monthly payments, as a fraction (0 when none). */
function bestSaving(plans: Plan[]) {
  let best = 0
  for (const plan of plans) {
    const month = priceFor(plan, 'month')
    const year = priceFor(plan, 'year')
    if (month?.amount && year) best = Math.max(best, 1 - year.amount / (month.amount * 12))
  }
  return best
}

/**
 * The tenant's public plans for the chosen interval, prices in their currency, the current plan
 * marked, each with the action it would be (choose, upgrade, downgrade, switch interval).
 */
export function renderPlans(v: PickerView) {
  const { t } = v
  if (!v.plans.length) return nothing
  const offered = INTERVALS.filter((i) => v.plans.some((p) => priceFor(p, i)))
  const saving = bestSaving(v.plans)
  return html`<section part="plans" class="card" aria-labelledby="plans-title">
    <div class="section-head">
      <h3 id="plans-title">${t('billing.plans.title')}</h3>
      ${
        offered.length > 1
          ? html`<div
              part="interval"
              class="segmented"
              role="radiogroup"
              aria-label=${t('billing.plans.interval')}
            >
              ${offered.map(
                (i) =>
                  html`<label
                    ><input
                      type="radio"
                      name="interval"
                      value=${i}
                      .checked=${v.interval === i}
                      @change=${() => v.onInterval(i)}
                    /><span
                      >${t(`billing.interval.${i}` as MessageKey)}${
                        i === 'year' && saving >= 0.01
                          ? html` <em class="save"
                              >${t('billing.plans.save', { percent: v.f.percent(saving) })}</em
                            >`
                          : nothing
                      }</span
                    ></label
                  >`
              )}
            </div>`
          : nothing
      }
    </div>
    <ul class="options">
      ${v.plans.map((plan) => renderOption(v, plan))}
    </ul>
  </section>`
}

function renderOption(v: PickerView, plan: Plan) {
  const { t, f } = v
  const price = priceFor(plan, v.interval)
  const change = changeTo(plan, v.interval, v.current, v.subscription)
  const free = isFree(plan)
  const limits = FEATURES.filter((feature) => feature in plan.limits)
  return html`<li part="plan-option" class="option ${change === 'current' ? 'current' : ''}">
    <div class="option-head">
      <h4>${plan.name}</h4>
      ${change === 'current' ? html`<span class="pill current-pill">${t('billing.plans.current')}</span>` : nothing}
    </div>
    ${plan.description ? html`<p class="muted">${plan.description}</p>` : nothing}
    <p class="price">
      ${
        free
          ? html`<strong>${t('billing.price.free')}</strong>`
          : price
            ? html`<strong>${f.money(price.amount, price.currency, true)}</strong>
                <span class="muted">${t(`billing.per.${price.interval}` as MessageKey)}</span>
                ${
                  price.interval === 'year'
                    ? html`<span class="muted equivalent"
                        >${t('billing.price.perMonth', { price: f.money(monthly(price), price.currency) })}</span
                      >`
                    : nothing
                }`
            : html`<span class="muted">${t('billing.plans.notOffered')}</span>`
      }
    </p>
    ${
      plan.trialDays && change === 'subscribe' && !free
        ? html`<p class="trial">${t('billing.plans.trial', { days: plan.trialDays })}</p>`
        : nothing
    }
    <ul class="limits">
      ${limits.map((feature) => {
        const limit = plan.limits[feature]
        return html`<li>
          ${
            limit === null || limit === undefined
              ? t(`billing.limit.unlimited.${feature}` as MessageKey)
              : t(`billing.limit.${feature}` as MessageKey, { count: f.number(limit) })
          }
        </li>`
      })}
    </ul>
    ${
      v.canManage && change !== 'current' && (price || free)
        ? renderChoose(v, plan, change)
        : nothing
    }
  </li>`
}

function renderChoose(v: PickerView, plan: Plan, change: Change) {
  const { t } = v
  const words = t(`billing.action.${change}` as MessageKey, {
    interval: t(`billing.interval.${v.interval}` as MessageKey).toLowerCase(),
  })
  return html`<parley-button
    class="choose"
    variant=${change === 'downgrade' ? 'secondary' : 'primary'}
    ?disabled=${Boolean(v.busy)}
    label=${`${words} (${plan.name})`}
    @click=${() => v.onChoose(plan, change)}
    >${v.busy === plan.id ? t('billing.working') : words}</parley-button
  >`
}
