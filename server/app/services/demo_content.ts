import { DateTime } from 'luxon'
import { v7 as uuidv7 } from 'uuid'
import Conversation from '#models/conversation'
import Contact from '#models/contact'
import Message from '#models/message'
import { withTenant } from '#services/tenant_context'

/**
 * Something to look at in the demo workspace: the members the demo host signs in as, and a few
 * conversations with contacts, with web chat on for the demo site's visitors. Added once (an
 * existing workspace only gets web chat switched on).
 */
export async function seedDemoInbox(tenantId: string) {
  return withTenant(
    { tenantId },
    async (trx) => {
      const existing = await trx
        .from('workspaces')
        .where('tenant_id', tenantId)
        .where('external_id', 'demo-co')
        .first()
      if (existing) {
        // The demo site's visitor chat lands here (older demo databases predate web chat).
        await trx
          .from('workspaces')
          .where('tenant_id', tenantId)
          .where('id', existing.id)
          .update({ web_chat_enabled: true })
        return false
      }
      const workspaceId = uuidv7()
      await trx.table('workspaces').insert({
        tenant_id: tenantId,
        id: workspaceId,
        external_id: 'demo-co',
        name: 'Demo Co',
        web_chat_enabled: true,
      })
      await trx.rawQuery(`select set_config('parley.workspace_id', ?, true)`, [workspaceId])
      const members = [
        ['u_ana', 'Ana Lima', 'ana@demo-co.test', 'owner'],
        ['u_bruno', 'Bruno Silva', 'bruno@demo-co.test', 'agent'],
      ].map(([externalId, name, email, role]) => ({
        tenant_id: tenantId,
        workspace_id: workspaceId,
        id: uuidv7(),
        external_id: externalId,
        name,
        email,
        role,
      }))
      await trx.table('members').insert(members)

      const threads: [string, string, string[]][] = [
        [
          'Dora Alves',
          '+5511987650001',
          [
            'Hi! My order #4521 has not arrived yet.',
            'Sorry about that, Dora. Let me check with the carrier.',
          ],
        ],
        ['Ethan Brooks', '+14155550123', ['Can I change my plan to annual billing?']],
        [
          'Fatima Zahra',
          '+212612345678',
          ['Thanks for the quick help yesterday!', 'Anytime, Fatima. Have a great day.'],
        ],
      ]
      let minutesAgo = 90
      for (const [name, phone, bodies] of threads) {
        const contact = await Contact.create(
          {
            tenantId,
            workspaceId,
            name,
            phone,
            email: null,
            attributes: {},
            tags: [],
            blocked: false,
          },
          { client: trx }
        )
        const conversation = await Conversation.create(
          {
            tenantId,
            workspaceId,
            contactId: contact.id,
            channel: 'web',
            status: 'open',
            priority: 'normal',
            assigneeId: null,
            tags: [],
            subject: null,
            lastMessageAt: DateTime.now(),
          },
          { client: trx }
        )
        for (const [i, body] of bodies.entries()) {
          const fromContact = i % 2 === 0
          const message = await Message.create(
            {
              tenantId,
              workspaceId,
              conversationId: conversation.id,
              direction: fromContact ? 'inbound' : 'outbound',
              type: 'text',
              authorContactId: fromContact ? contact.id : null,
              authorMemberId: fromContact ? null : members[0].id,
              body,
              status: fromContact ? 'delivered' : 'read',
              failureReason: null,
              idempotencyKey: null,
              createdAt: DateTime.now().minus({ minutes: minutesAgo-- }),
            },
            { client: trx }
          )
          conversation.merge({ lastMessageAt: message.createdAt, lastMessageId: message.id })
        }
        await conversation.useTransaction(trx).save()
        minutesAgo -= 20
      }
      return true
    },
    'operator'
  )
}
