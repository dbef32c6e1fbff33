import { test } from '@japa/runner'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { redact } from '#config/logger'

test.group('Log redaction', () => {
  test('censors keys, tokens and passwords at the top level and one level down', ({ assert }) => {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk, _, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const logger = pino({ redact }, sink)
    logger.info(
      {
        authorization: 'Bearer sk_live_top',
        headers: { authorization: 'Bearer sk_live_header' },
        body: { secretKey: 'sk_live_body', token: 'v1.session', password: 'hunter2' },
        apiKey: 'sk-openai',
        tenant_id: 'kept',
      },
      'request'
    )
    const line = lines.join('')
    for (const secret of [
      'sk_live_top',
      'sk_live_header',
      'sk_live_body',
      'v1.session',
      'hunter2',
      'sk-openai',
    ]) {
      assert.notInclude(line, secret)
    }
    assert.include(line, '[redacted]')
    assert.include(line, '"tenant_id":"kept"')
  })
})
