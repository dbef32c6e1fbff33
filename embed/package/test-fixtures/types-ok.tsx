// Compiled with tsc against the installed package (package e2e test): the types a reseller's
// TypeScript sees. Every line here must compile; the generated sample next to it covers every
// documented attribute and event of every public element.
import type {} from '@parley/sdk/jsx'
import { init, defined, type ParleyErrorEvent, type ParleyInboxElement } from '@parley/sdk'
import { ParleyInbox, ParleyLauncher, ParleyBilling, ParleyCampaigns } from '@parley/sdk/react'
import { ParleyRecorder as VueRecorder } from '@parley/sdk/vue'
import { createParleyClient, verifyWebhook } from '@parley/sdk/server'

init({ publishableKey: 'pk_…', apiUrl: 'https://parley.example', prefix: 'acme', locale: 'es' })

export const intrinsic = (
  <parley-launcher
    widget="inbox"
    position="bottom-left"
    icon="help"
    unread={3}
    onparley-launcher-opened={(event) => event.widget?.toUpperCase()}
  />
)

export const wrapped = (
  <>
    <ParleyInbox
      conversation="c_1"
      compact
      onParleyError={(event: ParleyErrorEvent) => event.code.toLowerCase()}
      onParleyUnreadChanged={(event) => event.count.toFixed(0)}
    />
    <ParleyLauncher open unread={2} onParleyLauncherClosed={(event) => event.widget} />
    <ParleyBilling onParleySubscriptionChanged={(event) => event.action satisfies string} />
    <ParleyCampaigns campaignId="cmp_1" onParleyCampaignChanged={(event) => event.action} />
  </>
)

export async function elements() {
  const inbox: ParleyInboxElement | null = document.querySelector('parley-inbox')
  if (inbox) inbox.conversation = 'c_2'
  document
    .querySelector('parley-launcher')
    ?.addEventListener('parley-unread-changed', (event) => event.count.toFixed(0))
  const Recorder = await defined('parley-recorder')
  return new Recorder().maxMinutes satisfies number
}

export const vueProps: InstanceType<typeof VueRecorder>['$props'] = { maxMinutes: 10 }
export const server = [createParleyClient, verifyWebhook]
