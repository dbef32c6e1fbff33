import { createHmac, timingSafeEqual } from 'node:crypto'
import { open, unlink } from 'node:fs/promises'
import { createReadStream } from 'node:fs'
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { v7 as uuidv7 } from 'uuid'
import env from '#start/env'
import { publicUrl } from '#config/app'
import { ApiError } from '#exceptions/api_error'
import Attachment from '#models/attachment'

/**
 * Attachments: uploaded, typed by their content, stored on the drive disk, and read back through
 * signed links that expire (an `<img>` cannot send a bearer token).
 */

/** What may be sent, by the type its bytes show. SVG and HTML are never among them. */
const KINDS: Record<string, Attachment['kind']> = {
  'image/png': 'image',
  'image/jpeg': 'image',
  'image/gif': 'image',
  'image/webp': 'image',
  'audio/mpeg': 'audio',
  'audio/ogg': 'audio',
  'audio/opus': 'audio',
  'audio/ogg; codecs=opus': 'audio',
  'audio/wav': 'audio',
  'audio/x-wav': 'audio',
  'audio/aac': 'audio',
  'audio/mp4': 'audio',
  'audio/x-m4a': 'audio',
  'audio/webm': 'audio',
  'video/webm': 'video',
  'video/mp4': 'video',
  'video/quicktime': 'video',
  'application/pdf': 'file',
  'application/zip': 'file',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'file',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'file',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'file',
  'text/plain': 'file',
}

export const maxAttachmentBytes = () => env.get('ATTACHMENT_MAX_MB') * 1024 * 1024

const TEXT_SAMPLE = 8192

/** Plain text has no magic number: accept UTF-8 without control bytes as text/plain. */
function looksLikeText(sample: Buffer, whole: boolean) {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f]/.test(sample.toString('latin1'))) return false
  try {
    // A cut sample may end in the middle of a multi-byte character: leave its last bytes out.
    new TextDecoder('utf-8', { fatal: true }).decode(whole ? sample : sample.subarray(0, -3))
    return true
  } catch {
    return false
  }
}

async function sniff(path: string) {
  const detected = await fileTypeFromFile(path)
  if (detected) return detected.mime as string
  const handle = await open(path)
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(TEXT_SAMPLE), 0, TEXT_SAMPLE, 0)
    const text = looksLikeText(buffer.subarray(0, bytesRead), bytesRead < TEXT_SAMPLE)
    return text ? 'text/plain' : 'application/octet-stream'
  } finally {
    await handle.close()
  }
}

async function sniffBytes(bytes: Buffer) {
  const detected = await fileTypeFromBuffer(bytes)
  if (detected) return detected.mime as string
  const sample = bytes.subarray(0, TEXT_SAMPLE)
  return looksLikeText(sample, bytes.length <= TEXT_SAMPLE)
    ? 'text/plain'
    : 'application/octet-stream'
}

/** A file name safe to store and to show: no path, no control characters, at most 255 chars. */
function cleanName(name: string | undefined) {
  const last = (name ?? '').split(/[\\/]/).pop()!
  // eslint-disable-next-line no-control-regex
  const base = last.replace(/[\u0000-\u001f\u007f]/g, '').trim()
  return (base || 'file').slice(0, 255)
}

export interface Uploader {
  tenantId: string
  workspaceId: string
  trx: TransactionClientContract
  memberId?: string
  contactId?: string
}

/** Checks an uploaded part, stores its bytes and records it, not yet attached to a message. */
export async function storeUpload(uploader: Uploader, file: MultipartFile | null) {
  if (!file) throw ApiError.validation([{ field: 'file', message: 'Send the file as `file`' }])
  if (file.size > maxAttachmentBytes()) {
    throw ApiError.validation([
      { field: 'file', message: `The file must be at most ${env.get('ATTACHMENT_MAX_MB')} MB` },
    ])
  }
  if (!file.tmpPath || file.size === 0) {
    throw ApiError.validation([{ field: 'file', message: 'The file is empty' }])
  }
  const mimeType = await sniff(file.tmpPath)
  const kind = KINDS[mimeType]
  if (!kind) {
    throw ApiError.validation([
      { field: 'file', message: `Files of type ${mimeType} cannot be sent` },
    ])
  }
  const id = uuidv7()
  const storageKey = `${uploader.tenantId}/${uploader.workspaceId}/${id}`
  await drive.use().putStream(storageKey, createReadStream(file.tmpPath), {
    contentType: mimeType,
  })
  await unlink(file.tmpPath).catch(() => {})
  return record(uploader, {
    id,
    storageKey,
    name: file.clientName,
    mimeType,
    kind,
    size: file.size,
  })
}

function record(
  uploader: Uploader,
  file: {
    id: string
    storageKey: string
    name?: string
    mimeType: string
    kind: Attachment['kind']
    size: number
  }
) {
  return Attachment.create(
    {
      id: file.id,
      tenantId: uploader.tenantId,
      workspaceId: uploader.workspaceId,
      messageId: null,
      uploaderMemberId: uploader.memberId ?? null,
      uploaderContactId: uploader.contactId ?? null,
      name: cleanName(file.name),
      mimeType: file.mimeType,
      kind: file.kind,
      sizeBytes: file.size,
      storageKey: file.storageKey,
    },
    { client: uploader.trx }
  )
}

/**
 * Stores bytes that arrived another way (a WhatsApp message's media), under the same rules as an
 * upload: typed by content; what may not be sent is kept as a plain download (`file`), since it
 * was already received, and nothing is refused but the empty or the oversized.
 */
export async function storeBytes(uploader: Uploader, bytes: Buffer, name?: string) {
  if (bytes.length === 0 || bytes.length > maxAttachmentBytes()) return null
  const mimeType = await sniffBytes(bytes)
  const id = uuidv7()
  const storageKey = `${uploader.tenantId}/${uploader.workspaceId}/${id}`
  await drive.use().put(storageKey, bytes, { contentType: mimeType })
  const kind = KINDS[mimeType] ?? 'file'
  return record(uploader, {
    id,
    storageKey,
    name,
    // Anything not on the list is served as an opaque download, never with its claimed type.
    mimeType: KINDS[mimeType] ? mimeType : 'application/octet-stream',
    kind,
    size: bytes.length,
  })
}

/**
 * Binds uploads to a message being sent: each must be this uploader's and still unattached.
 * Anything else is reported as not found, whoever it belongs to.
 */
export async function attachUploads(uploader: Uploader, messageId: string, ids: string[]) {
  if (ids.length === 0) return []
  const query = Attachment.query({ client: uploader.trx })
    .where('tenant_id', uploader.tenantId)
    .where('workspace_id', uploader.workspaceId)
    .whereIn('id', ids)
    .whereNull('message_id')
  if (uploader.memberId) query.where('uploader_member_id', uploader.memberId)
  else query.where('uploader_contact_id', uploader.contactId!)
  const found = await query.forUpdate()
  const missing = ids.filter((id) => !found.some((a) => a.id === id))
  if (missing.length) {
    throw ApiError.validation(
      missing.map((id) => ({
        field: `attachmentIds.${ids.indexOf(id)}`,
        message: 'No such upload (or it is already attached)',
      }))
    )
  }
  await Attachment.query({ client: uploader.trx })
    .where('tenant_id', uploader.tenantId)
    .whereIn('id', ids)
    .update({ message_id: messageId })
  return ids.map((id) => found.find((a) => a.id === id)!)
}

/** Attachments of a page of messages, grouped by message id, in upload order. */
export async function attachmentsOf(
  trx: TransactionClientContract,
  tenantId: string,
  messageIds: string[]
) {
  const byMessage = new Map<string, Attachment[]>()
  if (messageIds.length === 0) return byMessage
  const rows = await Attachment.query({ client: trx })
    .where('tenant_id', tenantId)
    .whereIn('message_id', messageIds)
    .orderBy('id')
  for (const row of rows) {
    byMessage.set(row.messageId!, [...(byMessage.get(row.messageId!) ?? []), row])
  }
  return byMessage
}

/** One message's attachments. */
export async function attachmentsOfMessage(
  trx: TransactionClientContract,
  tenantId: string,
  messageId: string
) {
  const byMessage = await attachmentsOf(trx, tenantId, [messageId])
  return byMessage.get(messageId) ?? []
}

// Signed links. The expiry is rounded up to a six-hour boundary so that one file keeps one URL
// for hours and the browser's cache is used; a link lives between 6 and 12 hours.
const LINK_WINDOW_SECONDS = 6 * 3600
const linkKey = () => createHmac('sha256', env.get('APP_KEY')).update('parley:file-link').digest()
const linkSignature = (path: string, exp: number) =>
  createHmac('sha256', linkKey()).update(`${path}?${exp}`).digest('base64url')

/** An absolute, signed, expiring link to `path` (an attachment, a recording's audio). */
export function signedLink(path: string, now = Date.now()) {
  const window = LINK_WINDOW_SECONDS
  const exp = (Math.floor(now / 1000 / window) + 2) * window
  return `${publicUrl}${path}?exp=${exp}&sig=${linkSignature(path, exp)}`
}

export function fileUrl(a: Pick<Attachment, 'tenantId' | 'workspaceId' | 'id'>, now = Date.now()) {
  return signedLink(`/v1/files/${a.tenantId}/${a.workspaceId}/${a.id}`, now)
}

/** Whether a file link's signature is ours and unexpired. */
export function verifyFileLink(path: string, exp: unknown, sig: unknown, now = Date.now()) {
  const expiry = Number(exp)
  if (!Number.isInteger(expiry) || typeof sig !== 'string' || expiry * 1000 <= now) return false
  const expected = Buffer.from(linkSignature(path, expiry))
  const actual = Buffer.from(sig)
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}

/**
 * A campaign that may still send holds the uploads its variants name (campaign messages get rows
 * of their own pointing at the same file, made as each message goes).
 */
const HELD_BY_CAMPAIGN = `EXISTS (
  SELECT 1 FROM campaigns c
   WHERE c.tenant_id = attachments.tenant_id AND c.workspace_id = attachments.workspace_id
     AND c.status IN ('draft', 'scheduled', 'running', 'paused')
     AND c.steps @> jsonb_build_array(jsonb_build_object('variants',
           jsonb_build_array(jsonb_build_object('attachmentId', attachments.id::text)))))`

/**
 * Uploads never sent within `olderThanHours`, and held by no campaign that may still send, are
 * deleted, bytes and row (an hourly job). Bytes go only when no other row shares them (a finished
 * campaign's messages keep its file). Runs on the operator connection, which sees every tenant's
 * rows when it names none.
 */
export async function purgeUnsentUploads(olderThanHours = 24, batch = 500) {
  let purged = 0
  for (;;) {
    const rows: { tenant_id: string; id: string; storage_key: string; shared: boolean }[] = await db
      .connection('operator')
      .from('attachments')
      .whereNull('message_id')
      .whereRaw('created_at < now() - make_interval(hours => ?)', [olderThanHours])
      .whereRaw(`NOT ${HELD_BY_CAMPAIGN}`)
      .orderBy('created_at')
      .limit(batch)
      .select('tenant_id', 'id', 'storage_key')
      .select(
        db.raw(`EXISTS (SELECT 1 FROM attachments o WHERE o.tenant_id = attachments.tenant_id
                    AND o.storage_key = attachments.storage_key AND o.id <> attachments.id) AS shared`)
      )
    if (rows.length === 0) return purged
    // Bytes first: a row without its file is harmless, a file without its row is lost space.
    for (const row of rows) if (!row.shared) await drive.use().delete(row.storage_key)
    await db
      .connection('operator')
      .from('attachments')
      .whereIn(
        ['tenant_id', 'id'],
        rows.map((r) => [r.tenant_id, r.id])
      )
      .whereNull('message_id')
      .delete()
    purged += rows.length
    if (rows.length < batch) return purged
  }
}

export function readFile(attachment: Attachment) {
  return drive.use().getStream(attachment.storageKey)
}
