import type { PaymentMethod, Plan, Subscription } from './billing.types.js'

/*
 * The billing widget's events, named and shaped as the kit's (widgets/kit/events/): here rather
 * than there so that pages without billing do not download them in the kit chunk.
 */

const init = { bubbles: true, composed: true }

/** The workspace's plan changed: subscribed, upgraded, downgraded, switched interval, cancelled or resumed. */
export class ParleySubscriptionChangedEvent extends Event {
  static readonly type = 'parley-subscription-changed'
  constructor(
    public action: 'subscribe' | 'upgrade' | 'downgrade' | 'switch' | 'cancel' | 'resume',
    public plan: Plan | null,
    public subscription: Subscription | null
  ) {
    super(ParleySubscriptionChangedEvent.type, init)
  }
}

/** A new payment method was saved (Stripe confirmed the setup). */
export class ParleyPaymentMethodUpdatedEvent extends Event {
  static readonly type = 'parley-payment-method-updated'
  constructor(public paymentMethod: PaymentMethod | null) {
    super(ParleyPaymentMethodUpdatedEvent.type, init)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'parley-subscription-changed': ParleySubscriptionChangedEvent
    'parley-payment-method-updated': ParleyPaymentMethodUpdatedEvent
  }
}
