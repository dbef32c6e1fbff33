import { define } from '../kit/define.js'
import { ParleyChat } from './chat.component.js'

export { ParleyChat } from './chat.component.js'
export { configure } from '../kit/runtime.js'

define('parley-chat', ParleyChat)

declare global {
  interface HTMLElementTagNameMap {
    'parley-chat': ParleyChat
  }
}
