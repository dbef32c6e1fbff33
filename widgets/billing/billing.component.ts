import { html, nothing } from 'lit'
import { state } from 'lit/decorators.js'
import { ParleyElement } from '../kit/parley-element.js'
import { api, pageOptions } from '../kit/runtime.js'
import { describeError } from '../kit/errors.js'
import { localeFor, supportedLocale, type MessageKey } from '../kit/localize.js'
import '../kit/primitives/button.js'
import '../kit/primitives/skeleton.js'
import '../kit/primitives/state.js'
import '../kit/controls/confirm-dialog.js'
import type { ParleyConfirmDialog } from '../kit/controls/confirm-dialog.js'
import { BillingData } from './billing-data.js'
import {
  ParleyPaymentMethodUpdatedEvent,
  ParleySubscriptionChangedEvent,
} from './billing-events.js'
import {
  brandName,
  renderBanners,
  renderCurrent,
  renderInvoices,
  renderPaymentMethod,
  type SectionsView,
} from './billing-sections.js'
import { billingStyles } from './billing.styles.js'
import {
  CANCEL_REASONS,
  FEATURES,
  Formats,
  isFree,
  pendingSecret,
  priceFor,
  type Change,
  type Feature,
  type Interval,
  type Plan,
  type Preview,
  type CheckoutAnswer,
  type SetupAnswer,
  type StripeKeys,
  type SubscribeResult,
} from './billing.types.js'
import './billing.locales.js'
import { renderPlans } from './plan-picker.js'
import {
  appearanceFrom,
  confirmAction,
  StripeUnavailableError,
  stripeFor,
  type StripeInstance,
  type StripePaymentElement,
} from './stripe.js'
import { renderUsage } from './usage.js'

type Asking = { kind: 'change'; plan: Plan; change: Change; preview: Preview } | { kind: 'cancel' }

/**
 * The workspace's billing, in place on the host's page: the current plan with its status and
 * renewal or trial end, usage against the plan's limits with a chart over the period, the
 * tenant's plans (monthly or yearly, in the tenant's currency) with a proration preview before any
 * change, cancel with a reason and resume, the card on file with Stripe's Payment Element to
 * replace it, invoices with their PDFs, and banners for a failed or unconfirmed payment. Owners
 * change things; admins read; other members see that billing is not theirs to see.
 *
 * Stripe.js is loaded from https://js.stripe.com only when a card is entered or a bank asks for
 * 3-D Secure (the host's CSP must allow it: docs/billing.md). Stripe's Payment Element
 * cannot live in a shadow root, so it is mounted in a light-DOM child slotted into the form:
 * keep `<parley-billing>` in the page itself, not inside another shadow root.
 *
 * @slot payment-element - Filled by the widget itself with Stripe's Payment Element while a card is entered.
 * @event parley-subscription-changed - The plan changed (`action`: subscribe, upgrade, downgrade, switch, cancel, resume; `plan`, `subscription`).
 * @event parley-payment-method-updated - A new card was saved (`paymentMethod`, when the server already has it).
 * @event parley-error - Something could not be done (`code` is the API's error code).
 * @csspart base - The whole widget.
 * @csspart plan - The current plan card.
 * @csspart status - The subscription's status label.
 * @csspart banner - A past-due, action-required, ending or limit banner.
 * @csspart notice - What just happened ("You are now on Pro"), announced politely.
 * @csspart usage - The usage card.
 * @csspart meter - One feature's usage row.
 * @csspart usage-state - A feature's "almost at the limit" or "limit reached" flag.
 * @csspart chart - The usage chart (or its table).
 * @csspart plans - The plan picker.
 * @csspart interval - The monthly / yearly switch.
 * @csspart plan-option - One plan in the picker (also `current` for the plan in use).
 * @csspart payment-method - The payment method card.
 * @csspart payment-element - The box around Stripe's Payment Element.
 * @csspart invoices - The invoices card.
 * @csspart invoice - One invoice row.
 * @csspart preview - The proration lines in the confirmation.
 * @cssproperty --parley-billing-gap - Space between the cards (default: space-4).
 * @cssproperty --parley-billing-card-padding - Space inside each card (default: space-5).
 * @cssproperty --parley-billing-meter-color - Colour of a usage bar under 80 % (default: primary).
 * @cssproperty --parley-billing-columns - Minimum width of a plan in the picker (default: 200px).
 */
export class ParleyBilling extends ParleyElement {
  static styles = [ParleyElement.styles, billingStyles]

  @state() private interval?: Interval
  @state() private busy?: string
  @state() private asking?: Asking
  @state() private card: SectionsView['card'] = 'closed'
  @state() private cardError?: string
  @state() private hosted = false
  @state() private notice?: string
  @state() private problem?: string
  @state() private charted?: Feature
  @state() private tableView = false

  #data = new BillingData(this, (error) => (this.problem = this.reportError(error)))
  #stripe?: StripeInstance
  #elements?: unknown
  #paymentElement?: StripePaymentElement
  #mount?: HTMLElement

  disconnectedCallback() {
    super.disconnectedCallback()
    this.#closeCard()
  }

  /** Amounts and dates in the reader's full locale (es-MX), when the strings are in its language. */
  #formats() {
    const lang = localeFor(this)
    const tag =
      this.locale ||
      pageOptions()?.locale ||
      document.documentElement.lang ||
      navigator.language ||
      lang
    return new Formats(supportedLocale(tag) === lang ? tag : lang)
  }

  render() {
    const { phase } = this.#data
    const t = this.t.bind(this)
    if (phase === 'loading')
      return html`<div part="base" class="loading" aria-busy="true">
        <span class="visually-hidden">${t('state.loading')}</span>
        <div class="top">
          <div class="card"><parley-skeleton lines="4"></parley-skeleton></div>
          <div class="card"><parley-skeleton lines="3"></parley-skeleton></div>
        </div>
        <div class="card"><parley-skeleton lines="5"></parley-skeleton></div>
      </div>`
    if (phase === 'forbidden')
      return html`<div part="base">
        <parley-state
          kind="empty"
          heading=${t('billing.forbidden.title')}
          message=${t('billing.forbidden.body')}
        ></parley-state>
      </div>`
    if (phase === 'notConfigured')
      return html`<div part="base">
        <section class="card setup" role="status" aria-labelledby="setup-title">
          <h2 id="setup-title">${t('billing.setup.title')}</h2>
          <p>${t('billing.setup.body')}</p>
          <p class="muted small">${t('billing.setup.provider')}</p>
        </section>
      </div>`
    if (phase === 'error')
      return html`<div part="base">
        <parley-state
          kind="error"
          message=${this.problem ?? t('error.UNKNOWN')}
          @parley-retry-requested=${() => this.#data.load()}
        ></parley-state>
      </div>`
    return this.#renderReady()
  }

  #renderReady() {
    const t = this.t.bind(this)
    const f = this.#formats()
    const billing = this.#data.billing!
    const now = Date.now()
    const interval = this.#interval()
    const view: SectionsView = {
      t,
      f,
      billing,
      canManage: this.#data.canManage,
      now,
      card: this.card,
      cardError: this.cardError,
      hosted: this.hosted,
      onChangePlan: () => this.#showPlans(),
      onCancel: () => void this.#cancel(),
      onResume: () => void this.#resume(),
      onConfirmPayment: () => void this.#confirmPending(),
      onUpdateCard: () => void this.#openCard(),
      onSaveCard: () => void this.#saveCard(),
      onCloseCard: () => this.#closeCard(),
      onHostedCard: () => void this.#openHostedCheckout(),
    }
    // Charted: what is used up over a period (minutes, recipients), not counts (seats, numbers).
    const metered = FEATURES.flatMap((x) =>
      billing.usage.filter((u) => u.feature === x && u.resetsAt)
    )
    const charted =
      metered.find((u) => u.feature === this.charted) ??
      metered.find((u) => u.limit !== null) ??
      metered[0]
    return html`<div part="base">
      <h2 class="title">${t('billing.title')}</h2>
      <p part="notice" class="notice" role="status">${this.notice ?? nothing}</p>
      ${
        this.problem
          ? html`<div class="banner danger" role="alert">
              <p>${this.problem}</p>
              <parley-button size="sm" variant="ghost" @click=${() => (this.problem = undefined)}
                >${t('billing.dismiss')}</parley-button
              >
            </div>`
          : nothing
      }
      ${renderBanners(view)}
      <div class="top">${renderCurrent(view)} ${renderPaymentMethod(view)}</div>
      ${renderUsage({
        t,
        f,
        usage: billing.usage,
        metered,
        plan: billing.plan,
        interval: billing.subscription?.interval ?? 'month',
        charted,
        tableView: this.tableView,
        onChart: (feature) => (this.charted = feature),
        onTableView: () => (this.tableView = !this.tableView),
        now,
      })}
      ${renderPlans({
        t,
        f,
        plans: this.#data.plans,
        current: billing.plan,
        subscription: billing.subscription,
        interval,
        canManage: this.#data.canManage,
        busy: this.busy,
        onInterval: (next) => (this.interval = next),
        onChoose: (plan, change) => void this.#choose(plan, change),
      })}
      ${renderInvoices({
        t,
        f,
        invoices: this.#data.invoices,
        upcoming: this.#data.upcoming,
        more: Boolean(this.#data.nextCursor),
        loadingMore: this.#data.loadingMore,
        onMore: () => void this.#data.more(),
      })}
      ${this.asking ? this.#renderAsking(this.asking, f) : nothing}
    </div>`
  }

  #interval(): Interval {
    return this.interval ?? this.#data.billing?.subscription?.interval ?? 'month'
  }

  /** The confirmation of a plan change (with the proration preview) or of a cancellation. */
  #renderAsking(asking: Asking, f: Formats) {
    const t = this.t.bind(this)
    const billing = this.#data.billing!
    if (asking.kind === 'cancel') {
      const end = billing.subscription?.currentPeriodEnd
      return html`<parley-confirm-dialog
        danger
        heading=${t('billing.cancel.title')}
        message=${
          end
            ? t('billing.cancel.until', { plan: billing.plan?.name ?? '', date: f.date(end) })
            : t('billing.cancel.now')
        }
        confirm-label=${t('billing.cancel')}
        cancel-label=${t('billing.cancel.keep')}
      >
        <fieldset class="reasons">
          <legend>${t('billing.cancel.why')}</legend>
          ${CANCEL_REASONS.map(
            (reason) =>
              html`<label
                ><input type="radio" name="reason" value=${reason} /><span
                  >${t(`billing.reason.${reason}` as MessageKey)}</span
                ></label
              >`
          )}
        </fieldset>
        <label class="comment"
          >${t('billing.cancel.comment')}
          <textarea name="comment" rows="2" maxlength="500"></textarea>
        </label>
      </parley-confirm-dialog>`
    }
    const { plan, change, preview } = asking
    const pm = billing.paymentMethod
    const due = f.money(Math.abs(preview.amountDue), preview.currency)
    const periodEnd = billing.subscription?.currentPeriodEnd
    const message =
      change === 'downgrade' && preview.amountDue === 0 && periodEnd
        ? t('billing.confirm.atPeriodEnd', { date: f.date(periodEnd) })
        : preview.amountDue > 0
          ? pm
            ? t('billing.confirm.charge', {
                amount: due,
                card: t('billing.card.ending', { brand: brandName(pm.brand), last4: pm.last4 }),
              })
            : t('billing.confirm.chargeNoCard', { amount: due })
          : preview.amountDue < 0
            ? t('billing.confirm.credit', { amount: due })
            : t('billing.confirm.nothing')
    return html`<parley-confirm-dialog
      heading=${t(`billing.confirm.${change}` as MessageKey, {
        plan: plan.name,
        interval: t(`billing.interval.${this.#interval()}` as MessageKey).toLowerCase(),
      })}
      message=${message}
      confirm-label=${t(`billing.action.${change}` as MessageKey, {
        interval: t(`billing.interval.${this.#interval()}` as MessageKey).toLowerCase(),
      })}
    >
      ${
        preview.lines.length
          ? html`<table part="preview" class="preview">
              <caption class="visually-hidden">
                ${t('billing.confirm.lines')}
              </caption>
              <tbody>
                ${preview.lines.map(
                  (line) =>
                    html`<tr>
                      <td>${line.description}</td>
                      <td class="num">${f.money(line.amount, preview.currency)}</td>
                    </tr>`
                )}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">${t('billing.confirm.dueToday')}</th>
                  <td class="num">${f.money(Math.max(preview.amountDue, 0), preview.currency)}</td>
                </tr>
              </tfoot>
            </table>`
          : nothing
      }
    </parley-confirm-dialog>`
  }

  /** Shows `asking` in the confirmation dialog; resolves with the answer (and the dialog's form). */
  async #ask(asking: Asking) {
    this.asking = asking
    await this.updateComplete
    const dialog = this.renderRoot.querySelector<ParleyConfirmDialog>('parley-confirm-dialog')!
    await dialog.updateComplete
    const confirmed = await dialog.show()
    const feedback = dialog.querySelector<HTMLInputElement>('input[name="reason"]:checked')?.value
    const comment = dialog.querySelector('textarea')?.value.trim()
    this.asking = undefined
    return { confirmed, feedback, comment }
  }

  #showPlans() {
    const plans = this.renderRoot.querySelector<HTMLElement>('[part="plans"]')
    plans?.scrollIntoView({ behavior: 'smooth', block: 'start' })
    const target =
      plans?.querySelector<HTMLElement>('input[name="interval"]:checked') ??
      plans?.querySelector<HTMLElement>('.choose')
    target?.focus({ preventScroll: true })
  }

  #say(key: MessageKey, params?: Record<string, string | number>) {
    this.notice = this.t(key, params)
    this.problem = undefined
  }

  async #choose(plan: Plan, change: Change) {
    const billing = this.#data.billing!
    const interval = this.#interval()
    const price = priceFor(plan, interval)
    const needsCard =
      !isFree(plan) &&
      (price?.amount ?? 0) > 0 &&
      !billing.paymentMethod &&
      !(change === 'subscribe' && plan.trialDays)
    if (needsCard) {
      this.problem = this.t('billing.card.needed')
      return this.#openCard()
    }
    this.busy = plan.id
    this.problem = undefined
    try {
      const preview = await api().request<Preview>('/v1/billing/preview', {
        method: 'POST',
        body: { planId: plan.id, interval },
      })
      // The modal dialog holds the page meanwhile; disabled buttons would lose the focus it restores.
      this.busy = undefined
      const { confirmed } = await this.#ask({ kind: 'change', plan, change, preview })
      if (!confirmed) return
      this.busy = plan.id
      const result = await api().request<SubscribeResult>('/v1/billing/subscription', {
        method: 'POST',
        body: { planId: plan.id, interval },
        idempotencyKey: crypto.randomUUID?.() ?? `${Date.now()}-${Math.random()}`,
      })
      if (result.clientSecret) {
        this.#say('billing.notice.confirming')
        await this.#confirmWithBank(
          result.clientSecret,
          result.publishableKey ? (result as StripeKeys) : undefined
        )
      }
      await this.#data.reload()
      const now = this.#data.billing
      this.emit(
        new ParleySubscriptionChangedEvent(
          change as Exclude<Change, 'current'>,
          now?.plan ?? plan,
          now?.subscription ?? null
        )
      )
      const scheduled = now?.subscription?.scheduledChange
      if (scheduled?.planId === plan.id && now?.plan?.id !== plan.id)
        this.#say('billing.notice.scheduled', {
          plan: plan.name,
          date: this.#formats().date(scheduled.at),
        })
      else this.#say('billing.notice.changed', { plan: plan.name })
      await this.updateComplete
      this.#focusCurrent()
    } catch (error) {
      this.#fail(error)
    } finally {
      this.busy = undefined
    }
  }

  /** After a change the button pressed may be gone: the reader lands on the current plan. */
  #focusCurrent() {
    this.renderRoot.querySelector<HTMLElement>('#current-title')?.focus()
  }

  /**
   * 3-D Secure: Stripe.js asks the customer's bank. The keys come with the answer or with the
   * billing read; failing both, a setup request names them (it creates a SetupIntent left unused).
   */
  async #confirmWithBank(clientSecret: string, keys?: StripeKeys) {
    const known =
      keys ??
      this.#data.billing?.stripe ??
      (await api().request<SetupAnswer>('/v1/billing/payment-method/setup', { method: 'POST' }))
    const stripe = await stripeFor(known, localeFor(this))
    await confirmAction(stripe, clientSecret)
  }

  /** The action-required banner: the pending payment's secret came with the subscription. */
  async #confirmPending() {
    const secret = pendingSecret(this.#data.billing?.subscription)
    if (!secret) return this.#openCard()
    try {
      await this.#confirmWithBank(secret)
      await this.#data.reload()
      this.#say('billing.notice.confirmed')
    } catch (error) {
      this.#fail(error)
    }
  }

  async #cancel() {
    const { confirmed, feedback, comment } = await this.#ask({ kind: 'cancel' })
    if (!confirmed) return
    try {
      // `feedback` is Stripe's cancellation reason, `reason` the customer's own words.
      await api().request('/v1/billing/subscription', {
        method: 'DELETE',
        body: {
          atPeriodEnd: true,
          ...(feedback ? { feedback } : {}),
          ...(comment ? { reason: comment } : {}),
        },
      })
      await this.#data.reload()
      const billing = this.#data.billing
      this.emit(
        new ParleySubscriptionChangedEvent(
          'cancel',
          billing?.plan ?? null,
          billing?.subscription ?? null
        )
      )
      const end = billing?.subscription?.cancelAt ?? billing?.subscription?.currentPeriodEnd
      this.#say(end ? 'billing.notice.canceled' : 'billing.notice.canceledNow', {
        date: end ? this.#formats().date(end) : '',
      })
      await this.updateComplete
      this.#focusCurrent()
    } catch (error) {
      this.#fail(error)
    }
  }

  async #resume() {
    try {
      await api().request('/v1/billing/subscription/resume', { method: 'POST' })
      await this.#data.reload()
      const billing = this.#data.billing
      this.emit(
        new ParleySubscriptionChangedEvent(
          'resume',
          billing?.plan ?? null,
          billing?.subscription ?? null
        )
      )
      this.#say('billing.notice.resumed')
      await this.updateComplete
      this.#focusCurrent()
    } catch (error) {
      this.#fail(error)
    }
  }

  /** Opens the card form: a SetupIntent from the server, then Stripe's Payment Element. */
  async #openCard() {
    if (this.card !== 'closed' && this.card !== 'unavailable') return
    this.card = 'loading'
    this.cardError = undefined
    try {
      if (this.getRootNode() !== document) throw new Error(this.t('billing.card.nested'))
      const setup = await api().request<SetupAnswer>('/v1/billing/payment-method/setup', {
        method: 'POST',
      })
      this.#stripe = await stripeFor(setup, localeFor(this))
      await this.updateComplete
      this.#mount = document.createElement('div')
      this.#mount.slot = 'payment-element'
      this.append(this.#mount)
      const probe = this.renderRoot.querySelector('.payment-element')!
      const elements = this.#stripe.elements({
        clientSecret: setup.clientSecret,
        appearance: appearanceFrom(
          probe,
          this.renderRoot.querySelector('[part="payment-method"]')!
        ),
      })
      this.#elements = elements
      this.#paymentElement = elements.create('payment')
      this.#paymentElement.mount(this.#mount)
      const ready = () => {
        if (this.card !== 'loading') return
        this.card = 'ready'
        this.#paymentElement?.focus?.()
      }
      if (this.#paymentElement.on) this.#paymentElement.on('ready', ready)
      else ready()
    } catch (error) {
      if (error instanceof StripeUnavailableError) {
        this.card = 'unavailable'
        return
      }
      this.#closeCard()
      this.#fail(error)
    }
  }

  /**
   * Leaves the page for Stripe's own address: what `#openHostedCheckout` does with Checkout's URL.
   * A property only so a test can watch where the page would go. @internal
   */
  navigate = (url: string) => window.location.assign(url)

  /**
   * The fallback where the host's CSP refuses Stripe.js: a Checkout page in setup mode, coming
   * back here when done (the server accepts only the tenant's own origins). The saved card
   * arrives with `billing.updated` once Stripe tells the server.
   */
  async #openHostedCheckout() {
    if (this.hosted) return
    this.hosted = true
    this.cardError = undefined
    // One nonce per click: a retried request gets the same session, a new click a new one.
    const nonce = crypto.randomUUID()
    try {
      const { url } = await api().request<CheckoutAnswer>('/v1/billing/payment-method/checkout', {
        method: 'POST',
        body: { returnUrl: location.href, nonce },
        idempotencyKey: nonce,
      })
      this.navigate(url)
    } catch (error) {
      this.hosted = false
      this.cardError = this.reportError(error)
    }
  }

  async #saveCard() {
    if (!this.#stripe || this.card !== 'ready') return
    this.card = 'saving'
    this.cardError = undefined
    const { error } = await this.#stripe.confirmSetup({
      elements: this.#elements,
      redirect: 'if_required',
      confirmParams: { return_url: location.href },
    })
    if (error) {
      this.card = 'ready'
      this.cardError = error.message ?? this.t('error.UNKNOWN')
      return
    }
    this.#closeCard()
    await this.#data.reload()
    this.emit(new ParleyPaymentMethodUpdatedEvent(this.#data.billing?.paymentMethod ?? null))
    this.#say('billing.notice.cardSaved')
    this.renderRoot.querySelector<HTMLElement>('.update-card')?.focus()
  }

  #closeCard() {
    this.#paymentElement?.destroy()
    this.#paymentElement = undefined
    this.#elements = undefined
    this.#mount?.remove()
    this.#mount = undefined
    this.card = 'closed'
    this.cardError = undefined
  }

  #fail(error: unknown) {
    const { code, message } = describeError(error)
    const stripe = (error as { stripe?: { message?: string } }).stripe
    if (stripe) this.problem = stripe.message || this.t('billing.bankRefused')
    else if (code === 'STRIPE_UNAVAILABLE') this.problem = this.t('billing.card.unavailable')
    else if (code === 'PROVIDER_NOT_CONFIGURED') this.problem = this.t('billing.setup.title')
    else if (code === 'AUTHORIZATION_ERROR') this.problem = this.t('billing.readOnly')
    else if (code === 'UNKNOWN' && message) {
      this.reportError(error)
      this.problem = message
    } else this.problem = this.reportError(error)
  }
}
