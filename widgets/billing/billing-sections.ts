import { html, nothing, type TemplateResult } from 'lit'
import type { MessageKey } from '../kit/localize.js'
import {
  levelOf,
  isFree,
  pendingSecret,
  priceFor,
  statusOf,
  type Billing,
  type Formats,
  type Invoice,
  type InvoicePage,
  type PaymentMethod,
} from './billing.types.js'

type T = (key: MessageKey, params?: Record<string, string | number>) => string

/** What the sections read from the widget and the actions they offer. */
export interface SectionsView {
  t: T
  f: Formats
  billing: Billing
  canManage: boolean
  now: number
  /** The card form: closed, loading Stripe.js, mounted, saving, or Stripe.js blocked. */
  card: 'closed' | 'loading' | 'ready' | 'saving' | 'unavailable'
  cardError?: string
  /** Asking the server for Stripe's hosted page (the fallback when Stripe.js is blocked). */
  hosted: boolean
  onChangePlan: () => void
  onCancel: () => void
  onResume: () => void
  onConfirmPayment: () => void
  onUpdateCard: () => void
  onSaveCard: () => void
  onCloseCard: () => void
  onHostedCard: () => void
}

const BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  cartes_bancaires: 'Cartes Bancaires',
}
export const brandName = (brand: string) =>
  BRANDS[brand] ?? brand.charAt(0).toUpperCase() + brand.slice(1).replaceAll('_', ' ')

/** Past-due, action-required, ending and limit banners, each with the way to fix it. */
export function renderBanners(v: SectionsView) {
  const { t, f, billing, canManage } = v
  const sub = billing.subscription
  const status = sub && statusOf(sub)
  const banners: TemplateResult[] = []
  const banner = (
    kind: 'danger' | 'warning' | 'info',
    text: string,
    action?: [string, () => void]
  ) =>
    html`<div part="banner" class="banner ${kind}" role=${kind === 'info' ? 'status' : 'alert'}>
      <p>${text}${canManage || !action ? nothing : html` ${t('billing.banner.askOwner')}`}</p>
      ${
        canManage && action
          ? html`<parley-button size="sm" variant="secondary" @click=${action[1]}
              >${action[0]}</parley-button
            >`
          : nothing
      }
    </div>`
  if (status === 'past_due')
    banners.push(
      banner('danger', t('billing.banner.pastDue'), [
        t('billing.banner.fixPayment'),
        v.onUpdateCard,
      ])
    )
  if (status === 'incomplete' || (sub && pendingSecret(sub)))
    banners.push(
      banner(
        'warning',
        t('billing.banner.actionRequired', { plan: billing.plan?.name ?? '' }),
        pendingSecret(sub)
          ? [t('billing.banner.confirmPayment'), v.onConfirmPayment]
          : [t('billing.banner.fixPayment'), v.onUpdateCard]
      )
    )
  if (sub?.cancelAt && status !== 'canceled')
    banners.push(
      banner('info', t('billing.banner.ending', { date: f.date(sub.cancelAt) }), [
        t('billing.resume'),
        v.onResume,
      ])
    )
  if (
    sub &&
    status === 'trialing' &&
    sub.trialEnd &&
    !billing.paymentMethod &&
    !sub.cancelAt &&
    new Date(sub.trialEnd).getTime() - v.now < 7 * 86_400_000
  )
    banners.push(
      banner('info', t('billing.banner.trialEnding', { date: f.date(sub.trialEnd) }), [
        t('billing.card.add'),
        v.onUpdateCard,
      ])
    )
  const full = billing.usage.filter(
    (u) => levelOf(u) === 'over' && !billing.plan?.overage?.[u.feature]
  )
  if (full.length)
    banners.push(
      banner(
        'warning',
        t('billing.banner.limit', {
          features: full.map((u) => t(`billing.feature.${u.feature}` as MessageKey)).join(', '),
        }),
        [t('billing.banner.seePlans'), v.onChangePlan]
      )
    )
  return banners
}

/** The current plan: name, status, price, renewal or trial end, and what the owner can do. */
export function renderCurrent(v: SectionsView) {
  const { t, f, billing, canManage } = v
  const { plan, subscription: sub } = billing
  const price = plan && sub ? priceFor(plan, sub.interval) : plan?.prices[0]
  const status = sub ? statusOf(sub) : 'active'
  let when: string | undefined
  if (!sub || status === 'canceled') when = undefined
  else if (sub.cancelAt) when = t('billing.when.ends', { date: f.date(sub.cancelAt) })
  else if (status === 'trialing' && sub.trialEnd)
    when = t('billing.when.trialEnds', { date: f.date(sub.trialEnd) })
  else if (sub.currentPeriodEnd && status !== 'incomplete')
    when = t('billing.when.renews', { date: f.date(sub.currentPeriodEnd) })
  const next = sub?.scheduledChange
  const live = sub && status !== 'canceled'
  return html`<section part="plan" class="card" aria-labelledby="current-title">
    <h3 id="current-title" tabindex="-1">${t('billing.current.title')}</h3>
    <div class="plan-name">
      <strong>${plan?.name ?? t('billing.current.none')}</strong>
      ${
        plan && (sub || isFree(plan))
          ? html`<span part="status" class="pill status-${status}"
              >${t(`billing.status.${status}` as MessageKey)}</span
            >`
          : nothing
      }
    </div>
    ${
      plan
        ? html`<p class="plan-price">
            ${
              isFree(plan) || !price
                ? t('billing.price.free')
                : t('billing.price.every', {
                    price: f.money(price.amount, price.currency),
                    interval: t(`billing.interval.${price.interval}.unit` as MessageKey),
                  })
            }
          </p>`
        : nothing
    }
    ${when ? html`<p class="muted">${when}</p>` : nothing}
    ${
      next
        ? html`<p class="scheduled">
            ${t('billing.when.scheduled', { plan: next.planName, date: f.date(next.at) })}
          </p>`
        : nothing
    }
    ${
      canManage
        ? html`<div class="actions">
            <parley-button size="sm" @click=${v.onChangePlan}
              >${t(live || plan ? 'billing.changePlan' : 'billing.choosePlan')}</parley-button
            >
            ${
              live && sub?.cancelAt
                ? html`<parley-button size="sm" variant="secondary" @click=${v.onResume}
                    >${t('billing.resume')}</parley-button
                  >`
                : live && plan && !isFree(plan)
                  ? html`<parley-button
                      size="sm"
                      variant="ghost"
                      class="cancel"
                      @click=${v.onCancel}
                      >${t('billing.cancel')}</parley-button
                    >`
                  : nothing
            }
          </div>`
        : html`<p class="muted note">${t('billing.readOnly')}</p>`
    }
  </section>`
}

/** The card on file, and the Stripe Payment Element to replace it (slotted: Stripe needs light DOM). */
export function renderPaymentMethod(v: SectionsView) {
  const { t, billing, canManage } = v
  const pm = billing.paymentMethod
  const open = v.card !== 'closed'
  return html`<section part="payment-method" class="card" aria-labelledby="pm-title">
    <h3 id="pm-title">${t('billing.card.title')}</h3>
    ${pm ? renderCard(v, pm) : html`<p class="muted">${t('billing.card.none')}</p>`}
    ${
      open
        ? html`<div class="card-form" aria-busy=${v.card === 'loading' || v.card === 'saving'}>
            ${
              v.card === 'unavailable'
                ? html`<div class="banner warning" role="alert">
                    <p>${t('billing.card.unavailable')}</p>
                    <p class="small">
                      <code
                        >script-src https://js.stripe.com; frame-src https://js.stripe.com
                        https://hooks.stripe.com; connect-src https://api.stripe.com</code
                      >
                    </p>
                    <parley-button
                      size="sm"
                      class="hosted-card"
                      ?disabled=${v.hosted}
                      @click=${v.onHostedCard}
                      >${t(v.hosted ? 'billing.working' : 'billing.card.hosted')}</parley-button
                    >
                  </div>`
                : html`${v.card === 'loading' ? html`<parley-skeleton lines="3"></parley-skeleton>` : nothing}
                    <div part="payment-element" class="payment-element">
                      <slot name="payment-element"></slot>
                    </div>`
            }
            ${v.cardError ? html`<p class="error" role="alert">${v.cardError}</p>` : nothing}
            <div class="actions">
              ${
                v.card === 'unavailable'
                  ? nothing
                  : html`<parley-button
                      size="sm"
                      ?disabled=${v.card !== 'ready'}
                      @click=${v.onSaveCard}
                      >${t(v.card === 'saving' ? 'billing.working' : 'billing.card.save')}</parley-button
                    >`
              }
              <parley-button size="sm" variant="secondary" @click=${v.onCloseCard}
                >${t('billing.close')}</parley-button
              >
            </div>
          </div>`
        : canManage
          ? html`<div class="actions">
              <parley-button
                size="sm"
                variant="secondary"
                class="update-card"
                @click=${v.onUpdateCard}
                >${t(pm ? 'billing.card.update' : 'billing.card.add')}</parley-button
              >
            </div>`
          : nothing
    }
  </section>`
}

function renderCard(v: SectionsView, pm: PaymentMethod) {
  const { t } = v
  const now = new Date(v.now)
  const expired =
    pm.expYear < now.getFullYear() ||
    (pm.expYear === now.getFullYear() && pm.expMonth < now.getMonth() + 1)
  const expiry = `${String(pm.expMonth).padStart(2, '0')}/${pm.expYear}`
  return html`<p class="pm">
    <span class="brand" aria-hidden="true">${brandName(pm.brand).slice(0, 4).toUpperCase()}</span>
    <span class="pm-text">
      <strong>${t('billing.card.ending', { brand: brandName(pm.brand), last4: pm.last4 })}</strong>
      <span class=${expired ? 'error' : 'muted'}
        >${t(expired ? 'billing.card.expired' : 'billing.card.expires', { date: expiry })}</span
      >
    </span>
  </p>`
}

export interface InvoicesView {
  t: T
  f: Formats
  invoices: Invoice[]
  upcoming: InvoicePage['upcoming']
  more: boolean
  loadingMore: boolean
  onMore: () => void
}

/** Past invoices, newest first, with their PDFs; older ones page in. */
export function renderInvoices(v: InvoicesView) {
  const { t, f } = v
  return html`<section part="invoices" class="card" aria-labelledby="invoices-title">
    <h3 id="invoices-title">${t('billing.invoices.title')}</h3>
    ${
      v.upcoming
        ? html`<p class="upcoming">
            ${
              v.upcoming.at
                ? t('billing.invoices.upcoming', {
                    amount: f.money(v.upcoming.total, v.upcoming.currency),
                    date: f.date(v.upcoming.at),
                  })
                : t('billing.invoices.upcomingUndated', {
                    amount: f.money(v.upcoming.total, v.upcoming.currency),
                  })
            }
          </p>`
        : nothing
    }
    ${
      v.invoices.length
        ? html`<table class="invoices">
            <thead>
              <tr>
                <th scope="col">${t('billing.invoices.number')}</th>
                <th scope="col">${t('billing.invoices.date')}</th>
                <th scope="col">${t('billing.invoices.status')}</th>
                <th scope="col" class="num">${t('billing.invoices.total')}</th>
                <th scope="col">
                  <span class="visually-hidden">${t('billing.invoices.pdf')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              ${v.invoices.map(
                (invoice) =>
                  html`<tr part="invoice">
                    <th scope="row" data-label=${t('billing.invoices.number')}>
                      ${invoice.number ?? '—'}
                    </th>
                    <td data-label=${t('billing.invoices.date')}>
                      ${f.date(invoice.createdAt, 'medium')}
                    </td>
                    <td data-label=${t('billing.invoices.status')}>
                      <span class="pill invoice-${invoice.status}"
                        >${t(`billing.invoice.${invoice.status}` as MessageKey)}</span
                      >
                    </td>
                    <td class="num" data-label=${t('billing.invoices.total')}>
                      ${f.money(invoice.total, invoice.currency)}
                    </td>
                    <td class="pdf">
                      ${
                        invoice.pdfUrl
                          ? html`<a
                              href=${invoice.pdfUrl}
                              target="_blank"
                              rel="noopener noreferrer"
                              aria-label=${t('billing.invoices.download', {
                                number: invoice.number ?? f.date(invoice.createdAt, 'medium'),
                              })}
                              >${t('billing.invoices.pdf')}</a
                            >`
                          : invoice.hostedUrl
                            ? html`<a
                                href=${invoice.hostedUrl}
                                target="_blank"
                                rel="noopener noreferrer"
                                >${t('billing.invoices.view')}</a
                              >`
                            : nothing
                      }
                    </td>
                  </tr>`
              )}
            </tbody>
          </table>`
        : html`<p class="muted">${t('billing.invoices.none')}</p>`
    }
    ${
      v.more
        ? html`<parley-button
            size="sm"
            variant="secondary"
            class="more"
            ?disabled=${v.loadingMore}
            @click=${v.onMore}
            >${t(v.loadingMore ? 'billing.working' : 'billing.invoices.more')}</parley-button
          >`
        : nothing
    }
  </section>`
}
