import { define } from '../kit/define.js'
import { ParleyCampaigns } from './campaigns.component.js'

export { ParleyCampaigns } from './campaigns.component.js'
export * from './campaigns.events.js'
export { configure } from '../kit/runtime.js'

define('parley-campaigns', ParleyCampaigns)

declare global {
  interface HTMLElementTagNameMap {
    'parley-campaigns': ParleyCampaigns
  }
}
