import { deflateSync, crc32 } from 'node:zlib'
import { DateTime } from 'luxon'
import { v7 as uuidv7 } from 'uuid'
import Conversation from '#models/conversation'
import Contact, { type VisitorInfo } from '#models/contact'
import Message from '#models/message'
import { attachUploads, storeBytes } from '#services/attachments'
import { withTenant } from '#services/tenant_context'

type Who = 'contact' | 'ana' | 'bruno'

/** One seeded conversation: who it is with, what the team set on it, its messages oldest first. */
interface DemoThread {
  contact: {
    name?: string
    phone?: string
    email?: string
    visitor?: Partial<VisitorInfo>
  } | null
  channel: Conversation['channel']
  subject?: string
  status?: Conversation['status']
  priority?: Conversation['priority']
  tags?: string[]
  assignee?: 'ana' | 'bruno'
  /** Minutes ago of the first message; each next one comes `gap` minutes later (default 2). */
  startedMinutesAgo: number
  messages: {
    from: Who
    body?: string
    note?: boolean
    mentions?: ('ana' | 'bruno')[]
    photo?: boolean
    gap?: number
  }[]
  /** Members who read it to the end besides those who wrote in it. */
  readBy?: ('ana' | 'bruno')[]
}

const visitor = (v: Partial<VisitorInfo>): VisitorInfo => ({
  browser: null,
  os: null,
  city: null,
  country: null,
  timeZone: null,
  language: null,
  page: null,
  ...v,
})

/**
 * A morning in a small support team: web visitors told apart by place and browser (one who gave
 * no clue at all), a known customer waiting on a parcel, a photo, a note that mentions Ana, a
 * resolved WhatsApp thread, an internal one, priorities, tags and assignees.
 */
const THREADS: DemoThread[] = [
  {
    contact: { name: 'Dora Alves', phone: '+5511987650001', email: 'dora@alves.test' },
    channel: 'web',
    priority: 'high',
    tags: ['shipping', 'vip', 'order-4521'],
    assignee: 'ana',
    startedMinutesAgo: 95,
    messages: [
      { from: 'contact', body: 'Hi! My order #4521 has not arrived yet.' },
      { from: 'bruno', body: 'Sorry about that, Dora. Let me check with the carrier.', gap: 6 },
      {
        from: 'bruno',
        note: true,
        body: 'Carrier says Thursday. @Ana can we refund the shipping?',
        mentions: ['ana'],
        gap: 4,
      },
      { from: 'contact', body: 'Thank you! This is the box I got from them instead.', gap: 70 },
      { from: 'contact', photo: true, gap: 1 },
    ],
  },
  {
    contact: {
      visitor: {
        city: 'Lisbon',
        country: 'PT',
        browser: 'Chrome',
        os: 'macOS',
        timeZone: 'Europe/Lisbon',
        language: 'pt-PT',
        page: 'https://demo-co.test/pricing',
      },
    },
    channel: 'web',
    startedMinutesAgo: 12,
    messages: [
      { from: 'contact', body: 'Olá! Do you ship to Portugal?' },
      { from: 'contact', body: 'And how long does it take?', gap: 1 },
    ],
  },
  {
    contact: {
      visitor: {
        city: 'São Paulo',
        country: 'BR',
        browser: 'Safari',
        os: 'iOS',
        timeZone: 'America/Sao_Paulo',
        language: 'pt-BR',
        page: 'https://demo-co.test/',
      },
    },
    channel: 'web',
    assignee: 'ana',
    tags: ['discount'],
    startedMinutesAgo: 40,
    messages: [
      { from: 'contact', body: 'Is there a student discount?' },
      { from: 'ana', body: 'Yes: 20% with a student email. Want me to send you a code?', gap: 3 },
    ],
  },
  {
    contact: {
      visitor: {
        city: 'Berlin',
        country: 'DE',
        browser: 'Firefox',
        os: 'Windows',
        timeZone: 'Europe/Berlin',
        language: 'de-DE',
      },
    },
    channel: 'web',
    priority: 'urgent',
    startedMinutesAgo: 25,
    messages: [{ from: 'contact', body: 'I was charged twice for the same order!' }],
  },
  {
    contact: { visitor: { browser: 'Edge', os: 'Windows' } },
    channel: 'web',
    status: 'pending',
    startedMinutesAgo: 180,
    messages: [
      { from: 'contact', body: 'Can I pick up in store?' },
      { from: 'bruno', body: 'Yes, from tomorrow at 10:00. Shall I reserve it for you?', gap: 5 },
    ],
  },
  {
    contact: {},
    channel: 'web',
    startedMinutesAgo: 60 * 26,
    messages: [{ from: 'contact', body: 'hello?' }],
    readBy: ['ana', 'bruno'],
  },
  {
    contact: { name: 'Ethan Brooks', email: 'ethan@brooks.test' },
    channel: 'web',
    status: 'pending',
    tags: ['billing'],
    assignee: 'bruno',
    startedMinutesAgo: 60 * 5,
    messages: [
      { from: 'contact', body: 'Can I change my plan to annual billing?' },
      {
        from: 'bruno',
        note: true,
        body: 'Annual plan: 2 months free. Waiting for finance.',
        gap: 8,
      },
    ],
  },
  {
    contact: null,
    channel: 'internal',
    subject: 'Q3 roadmap review',
    startedMinutesAgo: 60 * 20,
    messages: [
      { from: 'ana', body: 'The draft is in the shared folder.' },
      { from: 'bruno', body: 'Thanks! I left comments on slides 4 and 7.', gap: 45 },
    ],
  },
  {
    contact: { name: 'Fatima Zahra', phone: '+212612345678' },
    channel: 'whatsapp',
    status: 'resolved',
    priority: 'low',
    startedMinutesAgo: 60 * 24 * 3,
    messages: [
      { from: 'contact', body: 'The size exchange worked, thank you!' },
      { from: 'ana', body: 'Anytime, Fatima. Have a great day.', gap: 10 },
    ],
  },
]

/** A small photo for the demo (a parcel-brown square with a lighter band), as a real PNG. */
function photo(width = 96, height = 72) {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data])
    const out = Buffer.alloc(12 + data.length)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc32(body), 8 + data.length)
    return out
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  const rows = Array.from({ length: height }, (_, y) => {
    const band = Math.abs(y - height / 2) < height / 10
    const pixel = band ? [222, 196, 150] : [176, 132, 84]
    return Buffer.from([0, ...Array.from({ length: width }, () => pixel).flat()])
  })
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/**
 * Something to look at in the demo workspace: the members the demo host signs in as, and a
 * morning's conversations (THREADS), with web chat on for the demo site's visitors. Added once
 * (an existing workspace only gets web chat switched on).
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
      const memberId = { ana: members[0].id, bruno: members[1].id }

      for (const thread of THREADS) {
        const contact = thread.contact
          ? await Contact.create(
              {
                tenantId,
                workspaceId,
                name: thread.contact.name ?? null,
                phone: thread.contact.phone ?? null,
                email: thread.contact.email ?? null,
                attributes: thread.contact.name ? {} : { source: 'web' },
                tags: [],
                blocked: false,
                visitor: thread.contact.visitor ? visitor(thread.contact.visitor) : null,
              },
              { client: trx }
            )
          : null
        let at = DateTime.now().minus({ minutes: thread.startedMinutesAgo })
        const conversation = await Conversation.create(
          {
            tenantId,
            workspaceId,
            contactId: contact?.id ?? null,
            channel: thread.channel,
            status: thread.status ?? 'open',
            priority: thread.priority ?? 'normal',
            assigneeId: thread.assignee ? memberId[thread.assignee] : null,
            tags: thread.tags ?? [],
            subject: thread.subject ?? null,
            lastMessageAt: at,
          },
          { client: trx }
        )
        /** Each member's last message here: writing marks the thread read for its author. */
        const readUpTo = new Map<string, string>()
        for (const [i, m] of thread.messages.entries()) {
          if (i > 0) at = at.plus({ minutes: m.gap ?? 2 })
          const author = m.from === 'contact' ? null : memberId[m.from]
          const message = await Message.create(
            {
              id: uuidv7({ msecs: at.toMillis() }),
              tenantId,
              workspaceId,
              conversationId: conversation.id,
              direction: !author
                ? 'inbound'
                : m.note || thread.channel === 'internal'
                  ? 'internal'
                  : 'outbound',
              type: m.note ? 'note' : 'text',
              authorContactId: author ? null : (contact?.id ?? null),
              authorMemberId: author,
              body: m.body ?? '',
              status: author ? (m.note ? 'sent' : 'read') : 'delivered',
              failureReason: null,
              idempotencyKey: null,
              metadata: m.mentions ? { mentions: m.mentions.map((who) => memberId[who]) } : {},
              createdAt: at,
            },
            { client: trx }
          )
          if (m.photo) {
            const uploader = { trx, tenantId, workspaceId, contactId: contact?.id }
            const stored = await storeBytes(uploader, photo(), 'parcel.png')
            if (stored) await attachUploads(uploader, message.id, [stored.id])
          }
          if (author) readUpTo.set(author, message.id)
          conversation.merge({ lastMessageAt: message.createdAt, lastMessageId: message.id })
        }
        for (const who of thread.readBy ?? [])
          readUpTo.set(memberId[who], conversation.lastMessageId!)
        for (const [member, upTo] of readUpTo) {
          await trx.table('conversation_reads').insert({
            tenant_id: tenantId,
            workspace_id: workspaceId,
            conversation_id: conversation.id,
            member_id: member,
            last_read_message_id: upTo,
          })
        }
        await conversation.useTransaction(trx).save()
      }
      return true
    },
    'operator'
  )
}
