import { define } from '../kit/define.js'
import { ParleyAccount } from './account.component.js'

export { ParleyAccount } from './account.component.js'
export { configure } from '../kit/runtime.js'

define('parley-account', ParleyAccount)

declare global {
  interface HTMLElementTagNameMap {
    'parley-account': ParleyAccount
  }
}
