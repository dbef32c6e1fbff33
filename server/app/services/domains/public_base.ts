import type { HttpRequest } from '@adonisjs/core/http'
import logger from '@adonisjs/core/services/logger'
import { publicUrl } from '#config/app'
import { isVerifiedDomain } from '#services/domains/check_cache'
import { targetHost } from '#services/domains/hostnames'

/**
 * The origin absolute URLs in a response should name (the event stream, the realtime ticket):
 * the request's own host when it is a verified custom domain, so a page that loaded Parley from
 * widgets.reseller.com keeps talking to widgets.reseller.com; PUBLIC_URL otherwise. The scheme is
 * the request's (X-Forwarded-Proto counts from TRUSTED_PROXIES only: list the TLS proxy there).
 * If the domain cannot be looked up, PUBLIC_URL still works: it is never worse than before.
 */
export async function publicBaseFor(request: HttpRequest): Promise<string> {
  const hostname = request.hostname()?.toLowerCase()
  if (!hostname || hostname === targetHost()) return publicUrl
  try {
    if (await isVerifiedDomain(hostname)) return `${request.protocol()}://${request.host()}`
  } catch (error) {
    logger.warn({ err: error }, 'custom domain lookup failed; answering with PUBLIC_URL')
  }
  return publicUrl
}
