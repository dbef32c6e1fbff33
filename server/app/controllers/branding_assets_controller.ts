import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import { brandingOf, lockTenant, saveBranding } from '#services/branding'
import {
  BRANDING_ASSETS,
  discardReplacedAssets,
  readBrandingAsset,
  storeBrandingAsset,
  type BrandingAssetKind,
} from '#services/branding_assets'
import { readMultipartFile } from '#services/uploads'
import { UUID_PATTERN } from '#validators/rules'

/**
 * The tenant's logo and font as files: uploaded (multipart `file`, same credentials as PATCH
 * /v1/branding), then served to every browser from Parley or a verified custom domain.
 */
export default class BrandingAssetsController {
  /** POST /v1/branding/logo → the branding, logoUrl now the stored file's URL */
  storeLogo(ctx: HttpContext) {
    return this.#store(ctx, 'logo')
  }

  /** POST /v1/branding/font → the branding, fontUrl now the stored file's URL */
  storeFont(ctx: HttpContext) {
    return this.#store(ctx, 'font')
  }

  async #store(ctx: HttpContext, kind: BrandingAssetKind) {
    const { tenancy } = ctx
    const rule = BRANDING_ASSETS[kind]
    const file = await readMultipartFile(ctx, { limit: rule.limit, what: rule.what })
    const stored = await storeBrandingAsset(tenancy.tenantId, kind, file)
    const tenant = await lockTenant(tenancy)
    // If the change is undone (an error later in the request, a failed commit), the file goes
    // too, unless it is the one already in use (the same bytes uploaded again).
    const inUse = { logoUrl: tenant.logoUrl, fontUrl: tenant.fontUrl }
    tenancy.trx.after('rollback', () =>
      discardReplacedAssets(tenancy.tenantId, { logoUrl: stored.url, fontUrl: null }, inUse)
    )
    tenant.merge({ [rule.field]: stored.url })
    await saveBranding(tenancy, tenant, {
      action: 'tenant.branding_uploaded',
      data: { uploaded: { kind, type: stored.type, size: stored.size, sha256: stored.sha256 } },
    })
    return ctx.response.created(brandingOf(tenant))
  }

  /**
   * GET /v1/branding-assets/:tenantId/:file — no credential (every end user's browser loads the
   * logo and font, from any host page: hence CORS for fonts). Names are content hashes, so a
   * year's cache; nosniff and a sandboxing CSP so that the bytes are only ever an image or font.
   */
  async show({ params, request, response }: HttpContext) {
    const tenantId = String(params.tenantId)
    const asset = UUID_PATTERN.test(tenantId)
      ? await readBrandingAsset(tenantId.toLowerCase(), String(params.file))
      : null
    if (!asset) throw ApiError.notFound('File')
    const etag = `"${asset.hash}"`
    response.header('Content-Type', asset.type)
    response.header('Cache-Control', 'public, max-age=31536000, immutable')
    response.header('ETag', etag)
    response.header('X-Content-Type-Options', 'nosniff')
    response.header('Content-Security-Policy', "default-src 'none'; sandbox")
    response.header('Access-Control-Allow-Origin', '*')
    response.header('Cross-Origin-Resource-Policy', 'cross-origin')
    if (request.header('if-none-match') === etag) return response.notModified()
    return response.send(asset.bytes)
  }
}
