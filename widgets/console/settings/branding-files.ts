import { ConsoleApiError, SESSION_ENDED, xsrfToken, type ProblemDetail } from '../api.js'

/** The files the Branding page uploads, with the server's limits (it checks them too). */
export const BRANDING_FILES = {
  logo: { field: 'logoUrl', limit: 512 * 1024, accept: 'image/png,image/jpeg,image/webp' },
  font: {
    field: 'fontUrl',
    limit: 1024 * 1024,
    accept: '.woff2,.woff,.ttf,.otf,font/woff2,font/woff,font/ttf,font/otf',
  },
} as const
export type BrandingFileKind = keyof typeof BRANDING_FILES

/** A size as the server words its limits: KB below a megabyte, else MB with one decimal. */
export function sizeText(bytes: number) {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`
}

/**
 * POST /v1/branding/logo|font as multipart (`file`), with the console's CSRF header; resolves
 * to the branding the server now has, rejects with ConsoleApiError like consoleFetch.
 */
export async function uploadBrandingFile<T>(kind: BrandingFileKind, file: File): Promise<T> {
  const body = new FormData()
  body.append('file', file, file.name)
  const headers: Record<string, string> = { accept: 'application/json' }
  const token = xsrfToken()
  if (token) headers['x-xsrf-token'] = token
  let response: Response
  try {
    response = await window.fetch(`/v1/branding/${kind}`, {
      method: 'POST',
      headers,
      body,
      credentials: 'same-origin',
    })
  } catch {
    throw new ConsoleApiError(0, 'NETWORK', 'network error')
  }
  const json = (await response.json().catch(() => undefined)) as
    { error?: { code?: string; message?: string; details?: ProblemDetail[] } } | undefined
  if (response.status === 401) window.dispatchEvent(new Event(SESSION_ENDED))
  if (!response.ok)
    throw new ConsoleApiError(
      response.status,
      json?.error?.code ?? `HTTP_${response.status}`,
      json?.error?.message ?? response.statusText,
      json?.error?.details ?? []
    )
  return json as T
}

const families = new Map<string, string>()

/**
 * Makes the font at `url` usable in this document under a family name of its own, for the
 * sample line; resolves to that name, rejects when the browser cannot load the font.
 */
export async function loadFontFamily(url: string) {
  let family = families.get(url)
  if (!family) {
    family = `console-brand-sample-${families.size + 1}`
    const face = new FontFace(family, `url(${JSON.stringify(url)})`)
    document.fonts.add(face)
    families.set(url, family)
    try {
      await face.load()
    } catch (error) {
      document.fonts.delete(face)
      families.delete(url)
      throw error
    }
  }
  return family
}
