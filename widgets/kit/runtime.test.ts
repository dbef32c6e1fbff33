import { expect } from '@open-wc/testing'
import { configure, realtime } from './runtime.js'

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

  it('refuses realtime before a session callback was given', () => {
    configure({ publishableKey: 'pk_a', apiUrl: location.origin })
    expect(() => realtime()).to.throw(/session callback/)
  })
})
