import { test } from '@japa/runner'
import { issueSessionToken, verifySessionToken } from '#services/session_tokens'

const claims = {
  tenantId: 't',
  workspaceId: 'w',
  memberId: 'm',
  role: 'agent' as const,
  widgets: ['inbox' as const],
  keyId: 'k',
}

test.group('Session tokens', () => {
  test('round-trip the claims they were issued with', ({ assert }) => {
    const { token, claims: issued } = issueSessionToken(claims, 600)
    const verified = verifySessionToken(token)
    assert.properties(verified, ['claims'])
    assert.deepInclude((verified as any).claims, claims)
    assert.equal(issued.exp - issued.iat, 600)
  })

  test('are refused once expired', ({ assert }) => {
    const { token, claims: issued } = issueSessionToken(claims, 60)
    assert.deepEqual(verifySessionToken(token, issued.exp * 1000 + 1), { problem: 'expired' })
    assert.properties(verifySessionToken(token, issued.exp * 1000 - 1000), ['claims'])
  })

  test('are refused when the payload is changed, even with a valid shape', ({ assert }) => {
    const { token } = issueSessionToken(claims, 600)
    const [v, payload, signature] = token.split('.')
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'owner' })
    ).toString('base64url')
    assert.deepEqual(verifySessionToken(`${v}.${forged}.${signature}`), { problem: 'signature' })
  })

  test('are refused when the signature is changed or missing', ({ assert }) => {
    const { token } = issueSessionToken(claims, 600)
    const flipped = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA')
    assert.deepEqual(verifySessionToken(flipped), { problem: 'signature' })
    assert.deepEqual(verifySessionToken(token.split('.').slice(0, 2).join('.')), {
      problem: 'malformed',
    })
    assert.deepEqual(verifySessionToken('v2.a.b'), { problem: 'malformed' })
    assert.deepEqual(verifySessionToken('garbage'), { problem: 'malformed' })
  })
})
