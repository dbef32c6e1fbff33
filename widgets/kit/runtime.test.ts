import { expect } from '@open-wc/testing'
import { configure, embedConfig, realtime } from './runtime.js'

describe('runtime', () => {
  it('gives every widget on the page the same realtime connection, renewed on re-init', async () => {
    configure({
      publishableKey: 'pk_a',
      apiUrl: location.origin,
      session: async () => 'v1.e30.sig',
    })
    const first = await realtime()
    expect(await realtime()).to.equal(first)
    configure({
      publishableKey: 'pk_a',
      apiUrl: location.origin,
      session: async () => 'v1.e30.sig2',
    })
    expect(await realtime()).to.not.equal(first)
  })

  it('keeps the connection when a widget chunk arriving later is handed the same options', async () => {
    // The loader hands each chunk the page's options object as it loads (the launcher's account
    // chunk on the first click); the inbox's subscriptions live on the connection already open.
    const options = { publishableKey: 'pk_a', apiUrl: location.origin, session: async () => 't' }
    configure(options)
    const first = await realtime()
    configure(options)
    expect(await realtime()).to.equal(first)
  })

  it('refuses realtime before a session callback was given', () => {
    configure({ publishableKey: 'pk_a', apiUrl: location.origin })
    expect(() => realtime()).to.throw(/session callback/)
  })

  it('reads the embed config the loader already asked for instead of asking again', async () => {
    const realFetch = window.fetch
    const asked: string[] = []
    window.fetch = (async (input: RequestInfo | URL) => {
      asked.push(String(input))
      return new Response('{}', { status: 500 })
    }) as typeof fetch
    try {
      const answer = { tenant: { name: 'Acme', logoUrl: null }, widgets: ['inbox'] }
      configure({
        publishableKey: 'pk_loaded',
        apiUrl: location.origin,
        embedConfig: Promise.resolve(Response.json(answer)),
      })
      expect(await embedConfig()).to.deep.include(answer)
      expect(asked.filter((url) => url.includes('/v1/embed/config'))).to.deep.equal([])
    } finally {
      window.fetch = realFetch
    }
  })
})
