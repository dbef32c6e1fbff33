import { define } from '../kit/define.js'
import { ParleyInbox } from './inbox.component.js'

export { ParleyInbox } from './inbox.component.js'
export { configure } from '../kit/runtime.js'

define('parley-inbox', ParleyInbox)

declare global {
  interface HTMLElementTagNameMap {
    'parley-inbox': ParleyInbox
  }
}
