import { expect, fixture, waitUntil } from '@open-wc/testing'
import { html, unsafeStatic } from 'lit/static-html.js'
import { configure } from './runtime.js'
import { setLocale } from './localize.js'
import type { ParleyErrorEvent } from './events/index.js'
import '../account/account.js'
import '../inbox/inbox.js'
import '../recorder/recorder.js'

const REASON = 'Invoice overdue'

/**
 * A suspended tenant: the host's backend can no longer mint sessions (its callback fails) and the
 * embed config answers 403 TENANT_SUSPENDED. Every signed-in widget says, in neutral words, that
 * the service is unavailable: not that the session ended, not why, not whose service it is.
 */
describe('a suspended tenant', () => {
  const realFetch = window.fetch
  const asked: string[] = []
  before(() => {
    window.fetch = (async (input: RequestInfo | URL) => {
      const url = String(input)
      asked.push(url)
      if (url.includes('/v1/theme.css')) return new Response('', { status: 200 })
      return new Response(
        JSON.stringify({
          error: { code: 'TENANT_SUSPENDED', message: 'This service is unavailable' },
        }),
        { status: 403, headers: { 'content-type': 'application/json' } }
      )
    }) as typeof fetch
    configure({
      publishableKey: 'pk_suspended',
      apiUrl: location.origin,
      session: async () => {
        throw new Error(`Our backend got 403: ${REASON}`)
      },
    })
  })
  after(() => {
    window.fetch = realFetch
    setLocale('en')
  })

  const stateText = async (tag: string, errors: ParleyErrorEvent[]) => {
    const onError = (e: Event) => errors.push(e as ParleyErrorEvent)
    document.addEventListener('parley-error', onError)
    try {
      const el = await fixture<HTMLElement>(html`<${unsafeStatic(tag)}></${unsafeStatic(tag)}>`)
      await waitUntil(() => el.shadowRoot!.querySelector('parley-state[kind="error"]'), '', {
        timeout: 5000,
      })
      const state = el.shadowRoot!.querySelector('parley-state')!
      await (state as any).updateComplete
      return { el, text: state.shadowRoot!.textContent!.replace(/\s+/g, ' ') }
    } finally {
      document.removeEventListener('parley-error', onError)
    }
  }

  for (const tag of ['parley-account', 'parley-inbox', 'parley-recorder']) {
    it(`${tag} shows the neutral unavailable state`, async () => {
      const errors: ParleyErrorEvent[] = []
      const { el, text } = await stateText(tag, errors)
      expect(text).to.contain('This service is unavailable right now.')
      expect(text).not.to.contain('session has ended')
      expect(text).not.to.contain(REASON)
      expect(el.shadowRoot!.textContent!.toLowerCase()).not.to.contain('parley')
      expect(errors.map((e) => e.code)).to.include('TENANT_SUSPENDED')
      expect(asked.some((url) => url.includes('/v1/embed/config?key=pk_suspended'))).to.equal(true)
    })
  }

  it('says it in Spanish too', async () => {
    setLocale('es')
    const { text } = await stateText('parley-account', [])
    expect(text).to.contain('Este servicio no está disponible en este momento.')
  })
})
