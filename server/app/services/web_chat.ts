import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Infer } from '@vinejs/vine/types'
import { v7 as uuidv7 } from 'uuid'
import { ApiError } from '#exceptions/api_error'
import Contact from '#models/contact'
import Conversation from '#models/conversation'
import Message from '#models/message'
import Workspace from '#models/workspace'
import type { PublicTenant } from '#services/tenant_cache'
import type { Tenancy, VisitorTenancy } from '#services/tenancy'
import { setScope, withTenant } from '#services/tenant_context'
import { issueVisitorToken } from '#services/session_tokens'
import { recordEvent } from '#services/outbox'
import { UUID_PATTERN } from '#validators/rules'
import type { startContactSessionValidator, startVisitorValidator } from '#validators/web_chat'

/**
 * Web chat: people outside the workspace write to it from the host's page. Anonymous visitors
 * (publishable key, opted-in workspaces only) hold a visitor token that brings them back to the
 * same contact; the host's signed-in users get a session from the host's backend (secret key),
 * tied to their own user id. Either way the widget gets a short-lived `c1.` token that reaches
 * that one contact's web conversations and nothing else.
 */

const VISITOR_SESSION_SECONDS = 3600
const hash = (secret: string) => createHash('sha256').update(secret).digest('hex')

/** `vt_<contact id without dashes>_<secret>`: the contact is found first, then the secret checked. */
function newVisitorToken(contactId: string) {
  const secret = randomBytes(24).toString('base64url')
  return { token: `vt_${contactId.replaceAll('-', '')}_${secret}`, hash: hash(secret) }
}

function parseVisitorToken(token: string) {
  const match = /^vt_([0-9a-f]{32})_([A-Za-z0-9_-]{32})$/.exec(token)
  if (!match) return null
  const h = match[1]
  const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
  return UUID_PATTERN.test(id) ? { contactId: id, secret: match[2] } : null
}

function sameHash(a: string, b: string) {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

async function findWorkspace(trx: TransactionClientContract, tenantId: string, externalId: string) {
  return Workspace.query({ client: trx })
    .where('tenant_id', tenantId)
    .where('external_id', externalId)
    .first()
}

function session(contact: Contact, keyId: string, ttl = VISITOR_SESSION_SECONDS) {
  const { token, claims } = issueVisitorToken(
    {
      tenantId: contact.tenantId,
      workspaceId: contact.workspaceId,
      contactId: contact.id,
      keyId,
    },
    ttl
  )
  return {
    token,
    expiresAt: new Date(claims.exp * 1000).toISOString(),
    contactId: contact.id,
    workspaceId: contact.workspaceId,
  }
}

/** An anonymous visitor arrives (or returns with its visitor token). */
export async function startVisitor(
  publicTenant: PublicTenant,
  payload: Infer<typeof startVisitorValidator>
) {
  const tenantId = publicTenant.tenant.id
  return withTenant({ tenantId }, async (trx) => {
    const workspace = await findWorkspace(trx, tenantId, payload.workspace)
    // A workspace that has not opted in looks like no workspace at all.
    if (!workspace?.webChatEnabled) throw ApiError.notFound('Workspace')
    if (workspace.status !== 'active') throw ApiError.forbidden('This workspace is suspended')
    await setScope(trx, { tenantId, workspaceId: workspace.id })

    const presented = payload.visitorToken ? parseVisitorToken(payload.visitorToken) : null
    if (presented) {
      const known = await Contact.query({ client: trx })
        .where('tenant_id', tenantId)
        .where('workspace_id', workspace.id)
        .where('id', presented.contactId)
        .first()
      if (known?.visitorTokenHash && sameHash(known.visitorTokenHash, hash(presented.secret))) {
        if (known.blocked) throw ApiError.forbidden('This visitor may not chat')
        return { ...session(known, publicTenant.keyId), visitorToken: payload.visitorToken! }
      }
    }
    // Names and emails a visitor types are unverified: kept as attributes, never matched
    // against (or merged into) the workspace's known contacts.
    const id = uuidv7()
    const visitor = newVisitorToken(id)
    const contact = await Contact.create(
      {
        id,
        tenantId,
        workspaceId: workspace.id,
        name: payload.name ?? null,
        phone: null,
        email: null,
        attributes: {
          source: 'web',
          ...(payload.email ? { unverifiedEmail: payload.email } : {}),
        },
        tags: [],
        blocked: false,
        externalId: null,
        visitorTokenHash: visitor.hash,
      },
      { client: trx }
    )
    return { ...session(contact, publicTenant.keyId), visitorToken: visitor.token }
  })
}

/** The host's backend starts a chat session for one of its signed-in users (secret key). */
export async function startContactSession(
  tenancy: Tenancy,
  payload: Infer<typeof startContactSessionValidator>
) {
  const { trx, tenantId } = tenancy
  const workspace = await findWorkspace(trx, tenantId, payload.workspace.id)
  if (!workspace) throw ApiError.notFound('Workspace')
  if (workspace.status !== 'active') throw ApiError.forbidden('This workspace is suspended')
  await setScope(trx, { tenantId, workspaceId: workspace.id })
  // Two first calls for the same user can race on the unique external id (or email): the one
  // that loses rolls back to its savepoint and, on its next try, finds the row the other made.
  for (let attempt = 1; ; attempt++) {
    await trx.rawQuery('savepoint link_contact')
    try {
      const contact = await linkContact(trx, tenantId, workspace.id, payload.contact)
      await trx.rawQuery('release savepoint link_contact')
      if (contact.blocked) throw ApiError.forbidden('This contact is blocked')
      return session(contact, tenancy.actor.id, payload.ttlSeconds ?? VISITOR_SESSION_SECONDS)
    } catch (error) {
      if ((error as { code?: string }).code !== '23505' || attempt === 3) throw error
      await trx.rawQuery('rollback to savepoint link_contact')
    }
  }
}

/**
 * The contact of one of the host's users: the one linked to its id, else a known contact with
 * its email that no user holds yet (an agent added it), else a new one.
 */
async function linkContact(
  trx: TransactionClientContract,
  tenantId: string,
  workspaceId: string,
  user: Infer<typeof startContactSessionValidator>['contact']
) {
  const scoped = () =>
    Contact.query({ client: trx }).where('tenant_id', tenantId).where('workspace_id', workspaceId)
  const email = user.email ?? null
  const holder = email ? await scoped().whereRaw('lower(email) = lower(?)', [email]).first() : null
  const contact =
    (await scoped().where('external_id', user.id).first()) ??
    (holder && holder.externalId === null ? holder : null) ??
    new Contact().fill({
      tenantId,
      workspaceId,
      phone: null,
      email: null,
      attributes: { source: 'web' },
      tags: [],
      blocked: false,
      visitorTokenHash: null,
    })
  // An email belongs to one contact of a workspace. Two of the host's users may share one (a
  // team or family address): the second keeps it as an attribute instead of being merged into
  // the first, whose conversations are not its to read.
  const taken = holder !== null && holder.id !== contact.id
  contact.merge({
    externalId: user.id,
    name: user.name ?? contact.name ?? null,
    ...(email && !taken ? { email } : {}),
    ...(email && taken ? { attributes: { ...contact.attributes, email } } : {}),
  })
  await contact.useTransaction(trx).save()
  return contact
}

/** One of the visitor's own web conversations, or 404. */
export async function findChatConversation(visitor: VisitorTenancy, id: string) {
  const conversation = UUID_PATTERN.test(id)
    ? await Conversation.query({ client: visitor.trx })
        .where('tenant_id', visitor.tenantId)
        .where('workspace_id', visitor.workspaceId)
        .where('contact_id', visitor.contactId)
        .where('channel', 'web')
        .where('id', id)
        .first()
    : null
  if (!conversation) throw ApiError.notFound('Conversation')
  return conversation
}

/** A visitor writing again to a resolved, closed or snoozed conversation reopens it. */
export async function reopenForVisitor(visitor: VisitorTenancy, conversation: Conversation) {
  if (conversation.status === 'open' || conversation.status === 'pending') return
  conversation.merge({ status: 'open', snoozedUntil: null })
  await conversation.useTransaction(visitor.trx).save()
}

/**
 * The visitor has read the workspace's replies up to `upTo`: they become `read`, and the
 * conversation's readers hear it (`read` with the contact's id).
 */
export async function markReadByVisitor(
  visitor: VisitorTenancy,
  conversation: Conversation,
  upTo: string
) {
  const target = await Message.query({ client: visitor.trx })
    .where('tenant_id', visitor.tenantId)
    .where('conversation_id', conversation.id)
    .where('id', upTo)
    .whereNot('type', 'note')
    .first()
  if (!target)
    throw ApiError.validation([{ field: 'upTo', message: 'No such message in this conversation' }])
  await Message.query({ client: visitor.trx })
    .where('tenant_id', visitor.tenantId)
    .where('conversation_id', conversation.id)
    .where('direction', 'outbound')
    .whereIn('status', ['sent', 'delivered'])
    .where('id', '<=', upTo)
    .update({ status: 'read' })
  await recordEvent(visitor.trx, 'conversation:read', {
    tenantId: visitor.tenantId,
    workspaceId: visitor.workspaceId,
    conversationId: conversation.id,
    contactId: visitor.contactId,
    upTo,
  })
}
