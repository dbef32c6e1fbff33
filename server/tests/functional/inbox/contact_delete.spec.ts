import { test } from '@japa/runner'
import { makeTenant, mintSession, visit } from '#tests/helpers'

test.group('Inbox contacts: deleting one with conversations', () => {
  test('keeps the conversation, without its contact, and the history readable', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const owner = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'o',
      role: 'owner',
    })
    const contact = await visit(client, 'contacts.store')
      .bearerToken(owner.token)
      .json({ name: 'Ana', phone: '+351912345678' })
    contact.assertStatus(201)
    const conversation = await visit(client, 'conversations.store')
      .bearerToken(owner.token)
      .json({ channel: 'web', contact: { id: contact.body().id }, body: 'Hello Ana' })
    conversation.assertStatus(201)

    const deleted = await visit(client, 'contacts.destroy', { id: contact.body().id }).bearerToken(
      owner.token
    )
    deleted.assertStatus(204)

    const kept = await visit(client, 'conversations.show', {
      id: conversation.body().id,
    }).bearerToken(owner.token)
    kept.assertStatus(200)
    assert.isNull(kept.body().contact)
    const messages = await visit(client, 'conversations.messages.index', {
      id: conversation.body().id,
    }).bearerToken(owner.token)
    assert.deepEqual(
      messages.body().data.map((m: any) => m.body),
      ['Hello Ana']
    )
  })
})
