import { parse } from 'csv-parse/sync'
import { parsePhoneNumberFromString } from 'libphonenumber-js'
import type { ErrorDetail } from '#exceptions/api_error'
import { ApiError } from '#exceptions/api_error'
import Contact from '#models/contact'
import type { SessionTenancy } from '#services/tenancy'
import { textProblems } from '#validators/text'
import { csvCell } from '#services/csv'

export const MAX_IMPORT_ROWS = 5000
const KNOWN = new Set(['name', 'phone', 'email', 'tags'])
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export interface ImportReport {
  created: number
  updated: number
  errors: { row: number; field: string; message: string }[]
}

/**
 * Imports contacts from CSV (a header row: name, phone, email, tags separated by ";", and any
 * other column as a custom attribute). A row matching an existing contact by phone or email
 * updates it; a bad row is skipped and reported with its line number, the others still import.
 */
export async function importContacts(tenancy: SessionTenancy, csv: string): Promise<ImportReport> {
  let records: Record<string, string>[]
  try {
    records = parse(csv, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    })
  } catch (error) {
    throw ApiError.validation([
      { field: 'csv', message: `Not valid CSV: ${(error as Error).message}` },
    ])
  }
  // The same rule as for every other string the server accepts (middleware/text_input): a cell
  // with a NUL byte or an unpaired surrogate refuses the file, named by line and column.
  const badText = records.flatMap((record, index) => textProblems(record, `csv.${index + 2}`))
  if (badText.length) throw ApiError.validation(badText)
  if (records.length > MAX_IMPORT_ROWS) {
    throw ApiError.validation([
      { field: 'csv', message: `At most ${MAX_IMPORT_ROWS} rows per import` },
    ])
  }
  const report: ImportReport = { created: 0, updated: 0, errors: [] }
  const scoped = () =>
    Contact.query({ client: tenancy.trx })
      .where('tenant_id', tenancy.tenantId)
      .where('workspace_id', tenancy.workspaceId)

  for (const [index, record] of records.entries()) {
    const row = index + 2 // the header is line 1
    const problems: ErrorDetail[] = []
    const phone = record.phone ? parsePhoneNumberFromString(record.phone) : undefined
    if (record.phone && !phone?.isValid())
      problems.push({ field: 'phone', message: 'not a valid international phone number' })
    if (record.email && (!EMAIL.test(record.email) || record.email.length > 254))
      problems.push({ field: 'email', message: 'not a valid email' })
    if (!record.name && !record.phone && !record.email)
      problems.push({ field: 'name', message: 'a contact needs a name, a phone or an email' })
    if ((record.name ?? '').length > 200)
      problems.push({ field: 'name', message: 'at most 200 characters' })
    if (problems.length) {
      report.errors.push(...problems.map((p) => ({ row, ...p })))
      continue
    }
    const attributes = Object.fromEntries(
      Object.entries(record)
        .filter(([key, value]) => !KNOWN.has(key) && value !== '')
        .map(([k, v]) => [k, v.slice(0, 500)])
    )
    const tags = (record.tags ?? '')
      .split(';')
      .map((t) => t.trim())
      .filter(Boolean)
      .slice(0, 20)
    const e164 = phone?.number ?? null
    const existing = e164
      ? await scoped().where('phone', e164).first()
      : record.email
        ? await scoped().whereRaw('lower(email) = lower(?)', [record.email]).first()
        : null
    if (existing) {
      existing.merge({
        name: record.name || existing.name,
        email: record.email || existing.email,
        attributes: { ...existing.attributes, ...attributes },
        tags: [...new Set([...existing.tags, ...tags])],
      })
      await existing.useTransaction(tenancy.trx).save()
      report.updated++
    } else {
      await tenancy.trx.rawQuery('savepoint import_row')
      try {
        await Contact.create(
          {
            tenantId: tenancy.tenantId,
            workspaceId: tenancy.workspaceId,
            name: record.name || null,
            phone: e164,
            email: record.email || null,
            attributes,
            tags,
            blocked: false,
          },
          { client: tenancy.trx }
        )
        report.created++
      } catch (error) {
        await tenancy.trx.rawQuery('rollback to savepoint import_row')
        if ((error as { code?: string }).code !== '23505') throw error
        report.errors.push({
          row,
          field: 'email',
          message: 'another contact of this import or workspace already has it',
        })
      }
    }
  }
  return report
}

export function contactsCsv(contacts: Contact[]) {
  const lines = ['name,phone,email,tags,blocked,attributes,created_at']
  for (const c of contacts) {
    lines.push(
      [
        c.name,
        c.phone,
        c.email,
        c.tags.join(';'),
        String(c.blocked),
        JSON.stringify(c.attributes),
        c.createdAt.toUTC().toISO(),
      ]
        .map((v) => csvCell(v))
        .join(',')
    )
  }
  return `${lines.join('\r\n')}\r\n`
}
