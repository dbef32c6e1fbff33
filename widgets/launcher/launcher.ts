import { define } from '../kit/define.js'
import { ParleyLauncher } from './launcher.component.js'

export { ParleyLauncher } from './launcher.component.js'
export { configure } from '../kit/runtime.js'

define('parley-launcher', ParleyLauncher)

declare global {
  interface HTMLElementTagNameMap {
    'parley-launcher': ParleyLauncher
  }
}
