import { test } from '@japa/runner'
import env from '#start/env'
import { makeTenant, mintSession, visit } from '#tests/helpers'

/**
 * Every form of internal address, as a tenant would write it in a URL, and the words the 422 uses.
 * `localhost` resolves (from /etc/hosts) to loopback: a name, not a literal.
 */
const INTERNAL: [string, RegExp][] = [
  ['127.0.0.1', /points to a loopback address/],
  ['2130706433', /points to a loopback address/],
  ['[::1]', /points to a loopback address/],
  ['localhost', /resolves to a loopback address/],
  ['10.1.2.3', /private/],
  ['172.16.5.4', /private/],
  ['192.168.0.10', /private/],
  ['100.64.0.1', /shared \(CGNAT\)/],
  ['169.254.169.254', /link-local/],
  ['[fe80::1]', /link-local/],
  ['[fd00::1]', /unique-local/],
  ['[fec0::1]', /site-local/],
  ['224.0.0.1', /multicast/],
  ['[ff02::1]', /multicast/],
  ['240.0.0.1', /reserved/],
  ['255.255.255.255', /broadcast/],
  ['0.0.0.0', /unspecified/],
  ['[::]', /unspecified/],
  ['[::ffff:127.0.0.1]', /IPv4-mapped/],
  ['[::ffff:169.254.169.254]', /IPv4-mapped/],
  ['[::127.0.0.1]', /IPv4-compatible/],
  ['[::7f00:1]', /IPv4-compatible/],
  ['[64:ff9b::7f00:1]', /NAT64/],
  ['[64:ff9b:1::a00:1]', /NAT64/],
  ['[2002:7f00:1::1]', /6to4/],
  ['[2001:0:4136:e378:8000:63bf:3fff:fdd2]', /Teredo/],
  ['192.0.2.10', /documentation/],
  ['[2001:db8::1]', /documentation/],
  ['198.18.0.1', /reserved/],
]

/** Loopback and private targets that OUTBOUND_ALLOW_PRIVATE opens, and what it keeps shut. */
const OPENED = ['127.0.0.1', '[::1]', 'localhost', '10.1.2.3', '[fd00::1]']
const STILL_SHUT = ['169.254.169.254', '[::ffff:127.0.0.1]', '[64:ff9b::7f00:1]', '0.0.0.0']

const PUBLIC = 'https://93.184.215.14/parley'

test.group('Outbound URLs: webhooks and provider base URLs', (group) => {
  group.each.setup(() => {
    const before = env.get('OUTBOUND_ALLOW_PRIVATE')
    env.set('OUTBOUND_ALLOW_PRIVATE', 'false')
    return () => env.set('OUTBOUND_ALLOW_PRIVATE', before)
  })

  async function setup(client: any) {
    const tenant = await makeTenant()
    const admin = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'admin',
      role: 'admin',
    })
    return {
      webhook: (url: string) =>
        visit(client, 'webhooks.store')
          .bearerToken(admin.token)
          .json({ url, events: ['message.created'] }),
      provider: (baseUrl: string) =>
        visit(client, 'providers.openai.update')
          .bearerToken(tenant.secretKey)
          .json({ apiKey: 'sk-test-123456789', baseUrl }),
    }
  }

  /** A 422 in the contract's shape, naming `field`, with words that say why. */
  function assertRefused(assert: any, response: any, field: string, words: RegExp, url: string) {
    assert.equal(response.status(), 422, url)
    const { error } = response.body()
    assert.equal(error.code, 'VALIDATION_ERROR', url)
    assert.match(error.requestId, /^[0-9a-f-]{36}$/, url)
    assert.equal(error.requestId, response.header('x-request-id'), url)
    assert.lengthOf(error.details, 1, url)
    assert.equal(error.details[0].field, field, url)
    assert.match(error.details[0].message, /^The URL /, url)
    assert.match(error.details[0].message, words, url)
  }

  test('POST /v1/webhooks refuses every internal address form with 422 on url', async ({
    client,
    assert,
  }) => {
    const { webhook } = await setup(client)
    for (const [host, words] of INTERNAL) {
      const url = `https://${host}/hooks`
      assertRefused(assert, await webhook(url), 'url', words, url)
    }
    ;(await webhook(PUBLIC)).assertStatus(201)
  })

  test('PUT /v1/providers/openai refuses every internal address form with 422 on baseUrl', async ({
    client,
    assert,
  }) => {
    const { provider } = await setup(client)
    for (const [host, words] of INTERNAL) {
      const url = `https://${host}/v1`
      assertRefused(assert, await provider(url), 'baseUrl', words, url)
    }
    const saved = await provider(`${PUBLIC}/v1`)
    saved.assertStatus(200)
    assert.equal(saved.body().baseUrl, `${PUBLIC}/v1`)
  })

  test('both refuse plain http, other schemes, relative URLs and credentials', async ({
    client,
    assert,
  }) => {
    const { webhook, provider } = await setup(client)
    for (const [url, words] of [
      ['http://93.184.215.14/h', /must use https/],
      ['https://user:pw@93.184.215.14/h', /credentials/],
    ] as const) {
      assertRefused(assert, await webhook(url), 'url', words, url)
      assertRefused(assert, await provider(url), 'baseUrl', words, url)
    }
    for (const url of ['ftp://93.184.215.14/h', 'file:///etc/passwd', '/v1', 'not a url']) {
      assertRefused(assert, await webhook(url), 'url', /https|absolute/, url)
      assertRefused(assert, await provider(url), 'baseUrl', /https|absolute/, url)
    }
  })

  test('OUTBOUND_ALLOW_PRIVATE opens loopback and private networks (and http), nothing else', async ({
    client,
    assert,
  }) => {
    const { webhook, provider } = await setup(client)
    env.set('OUTBOUND_ALLOW_PRIVATE', 'true')
    for (const host of OPENED) {
      ;(await webhook(`http://${host}:9/hooks`)).assertStatus(201)
      ;(await provider(`http://${host}:9/v1`)).assertStatus(200)
    }
    for (const host of STILL_SHUT) {
      assertRefused(assert, await webhook(`http://${host}/h`), 'url', /address/, host)
      assertRefused(assert, await provider(`http://${host}/v1`), 'baseUrl', /address/, host)
    }
  })

  test('the former WEBHOOKS_ALLOW_PRIVATE still opens them', async ({ client }) => {
    const { webhook, provider } = await setup(client)
    ;(await webhook('http://127.0.0.1:9/hooks')).assertStatus(422)
    env.set('WEBHOOKS_ALLOW_PRIVATE', 'true')
    try {
      ;(await webhook('http://127.0.0.1:9/hooks')).assertStatus(201)
      ;(await provider('http://127.0.0.1:9/v1')).assertStatus(200)
    } finally {
      env.set('WEBHOOKS_ALLOW_PRIVATE', 'false')
    }
  })
})
