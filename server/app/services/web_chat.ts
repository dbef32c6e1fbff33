import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Infer } from '@vinejs/vine/types'
import { v7 as uuidv7 } from 'uuid'
import { ApiError } from '#exceptions/api_error'
import Contact from '#models/contact'
import Conversation from '#models/conversation'
import Member from '#models/member'
import Message from '#models/message'
import Workspace from '#models/workspace'
import type { PublicTenant } from '#services/tenant_cache'
import type { Tenancy, VisitorTenancy } from '#services/tenancy'
import { setScope, withTenant } from '#services/tenant_context'
import { issueVisitorToken } from '#services/session_tokens'
import { recordEvent } from '#services/outbox'
import { workspacePresence } from '#services/presence'
import { visitorInfo, type VisitorContext } from '#services/visitor_info'
import type { MessageTransformer } from '#transformers/inbox_transformers'
import {
  ChatAuthorTransformer,
  ChatMessageTransformer,
  type ChatAuthor,
} from '#transformers/chat_transformers'
import { UUID_PATTERN } from '#validators/rules'
import type {
  chatContactValidator,
  startContactSessionValidator,
  startVisitorValidator,
} from '#validators/web_chat'

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

/**
 * Keeps what tells the visitor apart as of this visit. Without the chat's report (an older
 * widget), only what the User-Agent says changes.
 */
export function noteVisitor(
  contact: Contact,
  userAgent: string | undefined,
  context: VisitorContext | undefined
) {
  const seen = visitorInfo(userAgent, context ?? {})
  if (context) {
    contact.visitor = seen
  } else if (seen.browser || seen.os || contact.visitor) {
    contact.visitor = { ...(contact.visitor ?? seen), browser: seen.browser, os: seen.os }
  }
}

/** An anonymous visitor arrives (or returns with its visitor token). */
export async function startVisitor(
  publicTenant: PublicTenant,
  payload: Infer<typeof startVisitorValidator>,
  userAgent?: string
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
        noteVisitor(known, userAgent, payload.visitor)
        await known.useTransaction(trx).save()
        return { ...session(known, publicTenant.keyId), visitorToken: payload.visitorToken! }
      }
    }
    // Names and emails a visitor types are unverified: kept as attributes, never matched
    // against (or merged into) the workspace's known contacts.
    const id = uuidv7()
    const visitor = newVisitorToken(id)
    const contact = new Contact()
    noteVisitor(contact, userAgent, payload.visitor)
    await contact
      .merge({
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
      })
      .useTransaction(trx)
      .save()
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

const TEAM_SHOWN = 3

/**
 * What a visitor's chat shows before anything is written: the team's name (the configured one,
 * else the workspace's; never the tenant's), up to three of its people (those online first),
 * whether anyone is online, the promised reply time, and what to ask of the visitor. Nothing
 * else of the members: no ids, roles or emails.
 */
export async function chatProfile(trx: TransactionClientContract, workspace: Workspace) {
  const scope = { tenantId: workspace.tenantId, workspaceId: workspace.id }
  const members = await Member.query({ client: trx })
    .where('tenant_id', workspace.tenantId)
    .where('workspace_id', workspace.id)
    .whereIn('role', ['owner', 'admin', 'agent'])
    .whereNotNull('name')
    .orderByRaw('last_seen_at desc nulls last')
    .orderBy('id', 'asc')
    .limit(50)
  // Presence lives in Redis; without it the chat still opens, with nobody shown online.
  const presence = await workspacePresence(scope).catch(() => [])
  const online = new Set(presence.filter((p) => p.status === 'online').map((p) => p.memberId))
  const team = [...members]
    .sort((a, b) => Number(online.has(b.id)) - Number(online.has(a.id)))
    .slice(0, TEAM_SHOWN)
  return {
    name: workspace.chatTeamName ?? workspace.name ?? null,
    team: team.map((m) => ChatAuthorTransformer.transform(m)),
    online: members.some((m) => online.has(m.id)),
    replyTime: workspace.chatReplyTime,
    preChat: { ask: workspace.chatPreChat, required: workspace.chatPreChatRequired },
    emailCaptureSeconds: workspace.chatEmailCaptureSeconds,
  }
}

/** The profile of a workspace that takes anonymous visitors (publishable key); 404 otherwise. */
export async function publicChatProfile(publicTenant: PublicTenant, externalId: string) {
  const tenantId = publicTenant.tenant.id
  return withTenant({ tenantId }, async (trx) => {
    const workspace = await findWorkspace(trx, tenantId, externalId)
    if (!workspace?.webChatEnabled) throw ApiError.notFound('Workspace')
    if (workspace.status !== 'active') throw ApiError.forbidden('This workspace is suspended')
    await setScope(trx, { tenantId, workspaceId: workspace.id })
    return chatProfile(trx, workspace)
  })
}

/** The visitor's own workspace's profile (visitor token). */
export async function visitorChatProfile(visitor: VisitorTenancy) {
  const workspace = await Workspace.query({ client: visitor.trx })
    .where('tenant_id', visitor.tenantId)
    .where('id', visitor.workspaceId)
    .firstOrFail()
  return chatProfile(visitor.trx, workspace)
}

/** Visitor-facing authors of members' messages, by member id. */
export async function chatAuthors(
  trx: TransactionClientContract,
  tenantId: string,
  memberIds: (string | null)[]
) {
  const ids = [...new Set(memberIds.filter((id): id is string => id !== null))]
  if (!ids.length) return new Map<string, ChatAuthor>()
  const members = await Member.query({ client: trx })
    .where('tenant_id', tenantId)
    .whereIn('id', ids)
  return new Map(members.map((m) => [m.id, ChatAuthorTransformer.transform(m)]))
}

/** A message for the visitor's feed, published after it committed (listeners). */
export async function chatMessageForFeed(
  scope: { tenantId: string; workspaceId: string },
  message: ReturnType<typeof MessageTransformer.transform>
) {
  const authors = message.authorMemberId
    ? await withTenant(scope, (trx) => chatAuthors(trx, scope.tenantId, [message.authorMemberId]))
    : new Map<string, ChatAuthor>()
  return ChatMessageTransformer.transform(message, authors)
}

/** What the visitor told about themself: the name they gave and an email to reply to. */
export function chatContactOf(contact: Contact) {
  return {
    name: contact.name,
    email: contact.email ?? contact.attributes.unverifiedEmail ?? contact.attributes.email ?? null,
  }
}

export async function findVisitorContact(visitor: VisitorTenancy) {
  return Contact.query({ client: visitor.trx })
    .where('tenant_id', visitor.tenantId)
    .where('workspace_id', visitor.workspaceId)
    .where('id', visitor.contactId)
    .firstOrFail()
}

/**
 * The visitor fills the pre-chat form or leaves an email to be answered at. The email is theirs
 * to type and nobody checked it: it is kept as `attributes.unverifiedEmail`, never as the
 * contact's email (which would match it against the workspace's known contacts).
 */
export async function updateVisitorContact(
  visitor: VisitorTenancy,
  payload: Infer<typeof chatContactValidator>
) {
  const contact = await findVisitorContact(visitor)
  contact.merge({
    ...(payload.name ? { name: payload.name } : {}),
    ...(payload.email
      ? { attributes: { ...contact.attributes, unverifiedEmail: payload.email } }
      : {}),
  })
  await contact.useTransaction(visitor.trx).save()
  return chatContactOf(contact)
}
