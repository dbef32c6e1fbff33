import { createHash } from 'node:crypto'
import { readFile, unlink } from 'node:fs/promises'
import { fileTypeFromBuffer } from 'file-type'
import { imageSize } from 'image-size'
import drive from '@adonisjs/drive/services/main'
import logger from '@adonisjs/core/services/logger'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { publicUrl } from '#config/app'
import { ApiError } from '#exceptions/api_error'
import type Tenant from '#models/tenant'

/**
 * A tenant's uploaded logo and font: typed by their bytes (never the client's name or
 * Content-Type), stored on the drive disk under a content-hashed name per tenant, and served
 * publicly at `/v1/branding-assets/<tenant>/<name>` (a logo and a font are public by nature:
 * every end user's browser loads them). SVG is refused: it is a document that can carry script,
 * and a logo URL is opened top-level on Parley's or the reseller's origin as easily as in an
 * `<img>`; PNG and WebP do everything a logo needs.
 */

const KB = 1024

/** What each upload accepts: the types its bytes may show (→ the stored extension), its size. */
export const BRANDING_ASSETS = {
  logo: {
    field: 'logoUrl',
    limit: 512 * KB,
    what: 'A logo',
    types: { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' },
    named: 'PNG, JPEG or WebP',
  },
  font: {
    field: 'fontUrl',
    limit: 1024 * KB,
    what: 'A font',
    types: { 'font/woff2': 'woff2', 'font/woff': 'woff', 'font/ttf': 'ttf', 'font/otf': 'otf' },
    named: 'WOFF2, WOFF, TTF or OTF',
  },
} as const satisfies Record<
  string,
  {
    field: 'logoUrl' | 'fontUrl'
    limit: number
    what: string
    types: Record<string, string>
    named: string
  }
>
export type BrandingAssetKind = keyof typeof BRANDING_ASSETS

/** The Content-Type each stored extension is served with. */
const SERVED_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  otf: 'font/otf',
}

/** A stored file's name: its kind, the first 128 bits of its SHA-256, the extension. */
export const ASSET_FILE = /^(logo|font)-([0-9a-f]{32})\.(png|jpg|webp|woff2|woff|ttf|otf)$/
const ASSET_PATH =
  /^\/v1\/branding-assets\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/([^/]+)$/

const storageKey = (tenantId: string, file: string) => `branding/${tenantId}/${file}`
export const assetPath = (tenantId: string, file: string) =>
  `/v1/branding-assets/${tenantId}/${file}`

/**
 * The tenant and file a URL names when it is one of Parley's branding assets (on PUBLIC_URL);
 * null for any other URL.
 */
export function parseAssetUrl(url: string | null | undefined) {
  if (!url) return null
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.origin !== new URL(publicUrl).origin || parsed.search || parsed.hash) return null
  const match = ASSET_PATH.exec(parsed.pathname)
  if (!match || !ASSET_FILE.test(match[2])) return null
  return { tenantId: match[1], file: match[2] }
}

/**
 * The URL to give browsers for a tenant's logo or font: an asset of ours moves to `base` (the
 * origin the widget loaded from: a verified custom domain, or PUBLIC_URL), so a page that loaded
 * Parley from widgets.reseller.com fetches its logo and font there too. Other URLs are as set.
 */
export function servedFrom(url: string | null, base: string) {
  const asset = parseAssetUrl(url)
  return asset ? `${base}${assetPath(asset.tenantId, asset.file)}` : url
}

const ascii = (bytes: Buffer, start: number, end: number) =>
  bytes.subarray(start, end).toString('latin1')

/**
 * Beyond the signature: the container agrees with the bytes received (a declared length, a
 * closing chunk), so a truncated file or a text with a borrowed header is refused too.
 */
function wellFormed(type: string, bytes: Buffer) {
  const size = bytes.length
  switch (type) {
    case 'image/png':
      return (
        size >= 45 && ascii(bytes, 12, 16) === 'IHDR' && ascii(bytes, size - 8, size - 4) === 'IEND'
      )
    case 'image/webp':
      return size >= 20 && bytes.readUInt32LE(4) + 8 === size
    case 'image/jpeg':
      return size >= 4
    case 'font/woff':
    case 'font/woff2':
      // Both headers carry the whole file's length at byte 8, and a table count at byte 12.
      return size >= 48 && bytes.readUInt32BE(8) === size && bytes.readUInt16BE(12) > 0
    case 'font/ttf':
    case 'font/otf': {
      if (size < 12) return false
      const tables = bytes.readUInt16BE(4)
      return tables > 0 && 12 + tables * 16 <= size
    }
    default:
      return false
  }
}

/**
 * A logo shows at most a few dozen pixels high: 2048 on a side is plenty for any screen. A larger
 * one costs every end user's browser memory to decode (a small, highly compressed PNG can hold
 * an enormous canvas), so it is refused with its size named.
 */
export const LOGO_MAX_PIXELS = 2048

function checkLogoSize(bytes: Buffer) {
  let size: { width?: number; height?: number }
  try {
    size = imageSize(bytes)
  } catch {
    size = {}
  }
  const { width, height } = size
  if (!width || !height)
    throw ApiError.validation([{ field: 'file', message: 'The image’s size cannot be read' }])
  if (width > LOGO_MAX_PIXELS || height > LOGO_MAX_PIXELS)
    throw ApiError.validation([
      {
        field: 'file',
        message: `A logo may be at most ${LOGO_MAX_PIXELS}×${LOGO_MAX_PIXELS} pixels (this one is ${width}×${height})`,
      },
    ])
}

/** The type the bytes show, if it is one `kind` accepts; else a 422 naming the field. */
async function typeOf(kind: BrandingAssetKind, bytes: Buffer) {
  const rule = BRANDING_ASSETS[kind]
  const found = await fileTypeFromBuffer(bytes)
  const detected = found?.mime as string | undefined
  const types = rule.types as Record<string, string>
  if (!detected || !types[detected] || !wellFormed(detected, bytes)) {
    throw ApiError.validation([
      {
        field: 'file',
        message: `${rule.what} must be a ${rule.named} file${detected ? ` (this one is ${detected})` : ''}`,
      },
    ])
  }
  return { type: detected, ext: types[detected] }
}

/**
 * Checks an uploaded part and stores it; returns the Parley URL it is served at. The temporary
 * file goes at once (the request's spool would remove it when the response closes anyway).
 */
export async function storeBrandingAsset(
  tenantId: string,
  kind: BrandingAssetKind,
  file: MultipartFile | null
) {
  if (!file?.tmpPath)
    throw ApiError.validation([{ field: 'file', message: 'Send the file as `file`' }])
  try {
    const bytes = await readFile(file.tmpPath)
    if (bytes.length === 0)
      throw ApiError.validation([{ field: 'file', message: 'The file is empty' }])
    const { type, ext } = await typeOf(kind, bytes)
    if (kind === 'logo') checkLogoSize(bytes)
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 32)
    const name = `${kind}-${hash}.${ext}`
    // The same bytes give the same name: uploading a file again rewrites it in place.
    await drive.use().put(storageKey(tenantId, name), bytes, { contentType: type })
    return {
      url: `${publicUrl}${assetPath(tenantId, name)}`,
      type,
      size: bytes.length,
      sha256: hash,
    }
  } finally {
    await unlink(file.tmpPath).catch(() => {})
  }
}

/**
 * Removes the tenant's own stored files that `before` named and `after` no longer does (a logo
 * replaced or cleared). Another tenant's file, or a URL elsewhere, is never touched. Called once
 * the change is committed; a failure only leaves a file behind, so it is logged, not thrown.
 */
export async function discardReplacedAssets(
  tenantId: string,
  before: Pick<Tenant, 'logoUrl' | 'fontUrl'>,
  after: Pick<Tenant, 'logoUrl' | 'fontUrl'>
) {
  const kept = new Set([after.logoUrl, after.fontUrl].map((u) => parseAssetUrl(u)?.file))
  for (const url of [before.logoUrl, before.fontUrl]) {
    const asset = parseAssetUrl(url)
    if (!asset || asset.tenantId !== tenantId || kept.has(asset.file)) continue
    try {
      await drive.use().delete(storageKey(tenantId, asset.file))
    } catch (error) {
      logger.warn(
        { err: error, tenantId, file: asset.file },
        'could not delete a replaced branding file'
      )
    }
  }
}

/** A stored file's bytes and Content-Type; null when the name is not one of ours or is gone. */
export async function readBrandingAsset(tenantId: string, file: string) {
  const match = ASSET_FILE.exec(file)
  if (!match) return null
  const key = storageKey(tenantId, file)
  const disk = drive.use()
  if (!(await disk.exists(key))) return null
  return {
    bytes: Buffer.from(await disk.getBytes(key)),
    type: SERVED_TYPES[match[3]],
    hash: match[2],
  }
}
