import { test } from '@japa/runner'
import { hashKey, parseKey } from '#services/api_keys'

const TENANT = '0192f000-0000-7000-8000-00000000de00'
const HEX = TENANT.replaceAll('-', '')

test.group('API key format', () => {
  test('parses the tenant id, type and lookup out of a well-formed key', ({ assert }) => {
    const key = `sk_${HEX}${'A1b2C3d4E5f6'}${'x'.repeat(20)}`
    assert.deepEqual(parseKey(key), { type: 'secret', tenantId: TENANT, lookup: 'A1b2C3d4E5f6' })
    assert.equal(parseKey(key.replace('sk_', 'pk_'))?.type, 'publishable')
  })

  test('refuses keys of the wrong shape', ({ assert }) => {
    for (const key of [
      '',
      'sk_',
      `sk_${HEX}`,
      `xk_${HEX}${'a'.repeat(32)}`,
      `sk_${HEX}${'a'.repeat(31)}`,
      `sk_${HEX}${'a'.repeat(33)}`,
      `sk_${HEX.toUpperCase()}${'a'.repeat(32)}`,
      `sk_${HEX}${'a'.repeat(31)}!`,
      ` sk_${HEX}${'a'.repeat(32)}`,
    ]) {
      assert.isNull(parseKey(key), key)
    }
  })

  test('hashes keys with SHA-256 so equal keys hash equal and different keys do not', ({
    assert,
  }) => {
    assert.lengthOf(hashKey('a'), 64)
    assert.equal(hashKey('sk_x'), hashKey('sk_x'))
    assert.notEqual(hashKey('sk_x'), hashKey('sk_y'))
  })
})
