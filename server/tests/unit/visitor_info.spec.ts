import { test } from '@japa/runner'
import { browserOf, pageWithoutQuery, placeOfTimeZone, visitorInfo } from '#services/visitor_info'

/** User-Agents as browsers send them today (desktop and phone). */
const AGENTS: [string, string, string][] = [
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    'Chrome',
    'Windows',
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87',
    'Microsoft Edge',
    'Windows',
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    'Safari',
    'iOS',
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    'Safari',
    'macOS',
  ],
  [
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
    'Samsung Internet for Android',
    'Android',
  ],
  ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox', 'Linux'],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
    'Chrome',
    'iOS',
  ],
]

test.group('Visitor info', () => {
  test('names the browser and system of common User-Agents', ({ assert }) => {
    for (const [agent, browser, os] of AGENTS) {
      assert.deepEqual(browserOf(agent), { browser, os }, agent)
    }
  })

  test('says nothing for an absent, empty or made-up User-Agent', ({ assert }) => {
    assert.deepEqual(browserOf(undefined), { browser: null, os: null })
    assert.deepEqual(browserOf(''), { browser: null, os: null })
    assert.deepEqual(browserOf('curl/8.5.0'), { browser: null, os: null })
    assert.deepEqual(browserOf('<script>alert(1)</script>'), { browser: null, os: null })
    // A huge header is read only so far, and still answers.
    assert.deepEqual(browserOf('x'.repeat(100_000)), { browser: null, os: null })
  })

  test('finds the city and country a time zone is named after', ({ assert }) => {
    assert.deepEqual(placeOfTimeZone('Europe/Lisbon'), { city: 'Lisbon', country: 'PT' })
    assert.deepEqual(placeOfTimeZone('America/Argentina/Buenos_Aires'), {
      city: 'Buenos Aires',
      country: 'AR',
    })
    assert.deepEqual(placeOfTimeZone('America/Sao_Paulo'), { city: 'Sao Paulo', country: 'BR' })
    // Old names: the current city.
    assert.deepEqual(placeOfTimeZone('Europe/Kiev'), { city: 'Kyiv', country: 'UA' })
    assert.deepEqual(placeOfTimeZone('Asia/Calcutta'), { city: 'Kolkata', country: 'IN' })
    // Zones that name no city.
    assert.deepEqual(placeOfTimeZone('UTC'), { city: null, country: null })
    assert.deepEqual(placeOfTimeZone('Etc/GMT+3'), { city: null, country: null })
    // A region's old name resolves to the city its zone is named after now.
    assert.deepEqual(placeOfTimeZone('US/Eastern'), { city: 'New York', country: 'US' })
  })

  test('keeps the page without its query string or fragment; refuses other schemes', ({
    assert,
  }) => {
    assert.equal(
      pageWithoutQuery('https://shop.test/a/b?token=secret&email=x@y.test#top'),
      'https://shop.test/a/b'
    )
    assert.equal(pageWithoutQuery('http://localhost:4000/'), 'http://localhost:4000/')
    assert.isNull(pageWithoutQuery('javascript:alert(1)'))
    assert.isNull(pageWithoutQuery('not a url'))
  })

  test('puts it together, with nulls for what was not told', ({ assert }) => {
    assert.deepEqual(visitorInfo(AGENTS[0][0], { timeZone: 'Europe/Lisbon', language: 'pt-PT' }), {
      browser: 'Chrome',
      os: 'Windows',
      city: 'Lisbon',
      country: 'PT',
      timeZone: 'Europe/Lisbon',
      language: 'pt-PT',
      page: null,
    })
  })
})
