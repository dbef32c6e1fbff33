import { expect, fixture, waitUntil } from '@open-wc/testing'
import { html, unsafeStatic } from 'lit/static-html.js'
import { configure } from './runtime.js'
import type { ParleyErrorEvent } from './events/index.js'
import '../account/account.js'
import '../inbox/inbox.js'
import '../recorder/recorder.js'

/**
 * docs/embedding.md promises "Your session has ended" when the host's session callback fails.
 * Every signed-in widget must say exactly that, once, and tell the host page why.
 */
describe('a failing session callback', () => {
  const realFetch = window.fetch
  before(() => {
    // No API call may get through: the widgets have no token to send.
    window.fetch = (async (input: RequestInfo | URL) =>
      String(input).includes('/v1/theme.css')
        ? new Response('', { status: 200 })
        : new Response('{}', { status: 500 })) as typeof fetch
    configure({
      publishableKey: 'pk_test',
      apiUrl: location.origin,
      session: async () => {
        throw new TypeError('Failed to fetch')
      },
    })
  })
  after(() => (window.fetch = realFetch))

  for (const tag of ['parley-account', 'parley-inbox', 'parley-recorder']) {
    it(`${tag} shows the session-ended state, once`, async () => {
      const errors: ParleyErrorEvent[] = []
      const onError = (e: Event) => errors.push(e as ParleyErrorEvent)
      document.addEventListener('parley-error', onError)
      try {
        const el = await fixture<HTMLElement>(html`<${unsafeStatic(tag)}></${unsafeStatic(tag)}>`)
        await waitUntil(() => el.shadowRoot!.querySelector('parley-state[kind="error"]'), '', {
          timeout: 5000,
        })
        const state = el.shadowRoot!.querySelector('parley-state')!
        await (state as any).updateComplete
        const text = state.shadowRoot!.textContent!.replace(/\s+/g, ' ')
        expect(text).to.contain('Your session has ended. Reload the page to continue.')
        expect(text).not.to.contain('Something went wrong')
        expect(text.split('Your session has ended').length - 1).to.equal(1)
        expect(errors.map((e) => e.code)).to.include('AUTHENTICATION_ERROR')
      } finally {
        document.removeEventListener('parley-error', onError)
      }
    })
  }
})
