import { define } from '../kit/define.js'
import { ParleyBilling } from './billing.component.js'

export { ParleyBilling } from './billing.component.js'
export {
  ParleySubscriptionChangedEvent,
  ParleyPaymentMethodUpdatedEvent,
} from './billing-events.js'
export { configure } from '../kit/runtime.js'

define('parley-billing', ParleyBilling)

declare global {
  interface HTMLElementTagNameMap {
    'parley-billing': ParleyBilling
  }
}
