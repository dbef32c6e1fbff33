import { define } from '../kit/define.js'
import { ParleyRecorder } from './recorder.component.js'

export { ParleyRecorder } from './recorder.component.js'
export { configure } from '../kit/runtime.js'

define('parley-recorder', ParleyRecorder)

declare global {
  interface HTMLElementTagNameMap {
    'parley-recorder': ParleyRecorder
  }
}
