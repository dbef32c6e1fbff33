import type { HttpContext } from '@adonisjs/core/http'
import Contact from '#models/contact'
import { ApiError } from '#exceptions/api_error'
import InboxPolicy from '#policies/inbox_policy'
import { paginate } from '#services/pagination'
import type { SessionTenancy } from '#services/tenancy'
import { ContactTransformer } from '#transformers/inbox_transformers'
import { validateBody, validateQuery } from '#validators/strict'
import { contactsCsv, importContacts } from '#services/contact_csv'
import { readRawBody } from '#services/uploads'
import { changeOptOut } from '#services/campaigns/consent'
import {
  createContactValidator,
  listContactsValidator,
  updateContactValidator,
} from '#validators/inbox'

const scoped = (t: SessionTenancy) => Contact.scoped(t)
const find = (t: SessionTenancy, id: string) => Contact.findScoped(t, id, 'Contact')

/** A phone or email another contact of the workspace already has is a conflict, not a duplicate. */
function conflict(error: unknown): never {
  if ((error as { code?: string }).code === '23505') {
    throw new ApiError('CONFLICT', 'Another contact of this workspace has that phone or email')
  }
  throw error
}

/** 5,000 rows fit well within this. */
const MAX_CSV_BYTES = 2 * 1024 * 1024

/** The workspace's contacts: search, create, read, change, delete. */

export default class ContactsController {
  async index({ request, bouncer, member }: HttpContext) {
    const session = member
    await bouncer.with(InboxPolicy).authorize('read')
    const { q, ...page } = await validateQuery(request, listContactsValidator)
    const query = scoped(session)
    if (q) query.whereRaw(`search @@ plainto_tsquery('simple', ?)`, [q])
    const { data, nextCursor } = await paginate(query, page)
    return { data: data.map(ContactTransformer.transform), nextCursor }
  }

  async store({ request, response, bouncer, member }: HttpContext) {
    const session = member
    await bouncer.with(InboxPolicy).authorize('write')
    const payload = await validateBody(request, createContactValidator)
    if (!payload.name && !payload.phone && !payload.email) {
      throw ApiError.validation([
        { field: 'name', message: 'Give the contact a name, a phone or an email' },
      ])
    }
    const contact = await Contact.create(
      {
        tenantId: session.tenantId,
        workspaceId: session.workspaceId,
        name: payload.name ?? null,
        phone: payload.phone ?? null,
        email: payload.email ?? null,
        avatarUrl: payload.avatarUrl ?? null,
        attributes: payload.attributes ?? {},
        tags: payload.tags ?? [],
        blocked: payload.blocked ?? false,
      },
      { client: session.trx }
    ).catch(conflict)
    return response.created(ContactTransformer.transform(contact))
  }

  async show({ params, bouncer, member }: HttpContext) {
    const session = member
    await bouncer.with(InboxPolicy).authorize('read')
    return ContactTransformer.transform(await find(session, params.id))
  }

  async update({ params, request, bouncer, member }: HttpContext) {
    const session = member
    await bouncer.with(InboxPolicy).authorize('write')
    const contact = await find(session, params.id)
    const { optedOut, ...payload } = await validateBody(request, updateContactValidator)
    contact.merge(payload)
    await contact.useTransaction(session.trx).save().catch(conflict)
    if (optedOut !== undefined) {
      const changed = await changeOptOut(session.trx, contact, optedOut)
      if (changed !== undefined) contact.optedOutAt = changed
    }
    return ContactTransformer.transform(contact)
  }

  async destroy({ params, response, bouncer, member }: HttpContext) {
    const session = member
    await bouncer.with(InboxPolicy).authorize('manage')
    const contact = await find(session, params.id)
    await contact.useTransaction(session.trx).delete()
    return response.noContent()
  }

  /** POST /v1/contacts/import (Content-Type: text/csv) → a report with one entry per bad row. */
  async import(ctx: HttpContext) {
    const session = ctx.member
    await ctx.bouncer.with(InboxPolicy).authorize('write')
    const body = await readRawBody(ctx, MAX_CSV_BYTES, 'CSV imports')
    const csv = body.toString('utf-8')
    if (!csv.trim())
      throw ApiError.validation([
        { field: 'csv', message: 'Send the CSV as the request body (text/csv)' },
      ])
    return importContacts(session, csv)
  }

  /** GET /v1/contacts/export → every contact of the workspace as CSV. */
  async export({ response, bouncer, member }: HttpContext) {
    const session = member
    await bouncer.with(InboxPolicy).authorize('read')
    const contacts = await scoped(session).orderBy('id', 'asc').limit(50_000)
    response.header('Content-Type', 'text/csv; charset=utf-8')
    response.header('Content-Disposition', 'attachment; filename="contacts.csv"')
    return contactsCsv(contacts)
  }
}
