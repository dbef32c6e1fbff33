import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import Attachment from '#models/attachment'
import InboxPolicy from '#policies/inbox_policy'
import { maxAttachmentBytes, readFile, storeUpload, verifyFileLink } from '#services/attachments'
import { readMultipartFile } from '#services/uploads'
import { withTenant } from '#services/tenant_context'
import { AttachmentTransformer } from '#transformers/inbox_transformers'
import { UUID_PATTERN } from '#validators/rules'

/** Uploads (multipart `file`) and the signed links that read them back. */
export default class AttachmentsController {
  async store(ctx: HttpContext) {
    const session = ctx.member
    await ctx.bouncer.with(InboxPolicy).authorize('write')
    const file = await readMultipartFile(ctx, { limit: maxAttachmentBytes(), what: 'Attachments' })
    const attachment = await storeUpload({ ...session, memberId: session.memberId }, file)
    return ctx.response.status(201).json(AttachmentTransformer.transform(attachment))
  }

  /**
   * `GET /v1/files/:tenantId/:workspaceId/:id?exp=…&sig=…`: no bearer token (an `<img>` cannot
   * send one), the signature is the permission. Served so that a browser never runs it: the type
   * read at upload, nosniff, a sandboxing CSP, and downloads for anything not an image or audio.
   */
  async show({ params, request, response }: HttpContext) {
    const { tenantId, workspaceId, id } = params
    const path = `/v1/files/${tenantId}/${workspaceId}/${id}`
    const { exp, sig } = request.qs()
    const wellFormed = [tenantId, workspaceId, id].every((v) => UUID_PATTERN.test(v))
    if (!wellFormed || !verifyFileLink(path, exp, sig)) {
      throw ApiError.notFound('File (or the link has expired)')
    }
    const attachment = await withTenant({ tenantId, workspaceId }, (trx) =>
      Attachment.query({ client: trx }).where('tenant_id', tenantId).where('id', id).first()
    )
    if (!attachment) throw ApiError.notFound('File')
    const inline = ['image', 'audio', 'video'].includes(attachment.kind)
    response.header('Content-Type', attachment.mimeType)
    response.header('Content-Length', String(attachment.sizeBytes))
    response.header('X-Content-Type-Options', 'nosniff')
    response.header('Content-Security-Policy', "default-src 'none'; sandbox")
    response.header('Cross-Origin-Resource-Policy', 'cross-origin')
    response.header(
      'Cache-Control',
      `private, max-age=${Math.max(0, Number(exp) - Math.floor(Date.now() / 1000))}, immutable`
    )
    response.header(
      'Content-Disposition',
      `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(attachment.name)}`
    )
    response.stream(await readFile(attachment))
  }
}
