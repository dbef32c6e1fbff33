import Bowser from 'bowser'
import { getTimezone } from 'countries-and-timezones'
import type { VisitorInfo } from '#models/contact'

/** What a visitor's chat reports (validated: a known time zone, a language tag, an http(s) URL). */
export interface VisitorContext {
  timeZone?: string
  language?: string
  page?: string
}

/** Zones named after no city (`Etc/GMT+3`, `UTC`) or after a region (`US/Eastern`). */
const NOT_A_CITY = /^(Etc|SystemV|US|Canada|Mexico|Brazil|Chile)\//

/**
 * The city and country a time zone is named after: `Europe/Lisbon` → Lisbon, PT. Coarse by
 * nature (a visitor in Porto shows as Lisbon), but it is what the browser tells without asking,
 * and it tells four "Website visitor" rows apart. Old names resolve to the current one
 * (`Europe/Kiev` → Kyiv).
 */
export function placeOfTimeZone(timeZone: string): { city: string | null; country: string | null } {
  const zone = getTimezone(timeZone)
  const canonical = zone?.aliasOf ?? zone?.name ?? timeZone
  const country = (zone?.aliasOf ? getTimezone(zone.aliasOf)?.countries : zone?.countries)?.[0]
  const city =
    canonical.includes('/') && !NOT_A_CITY.test(canonical)
      ? canonical.split('/').at(-1)!.replaceAll('_', ' ')
      : null
  return { city, country: country ?? null }
}

/** The page without its query string or fragment (they may carry tokens or personal data). */
export function pageWithoutQuery(page: string): string | null {
  try {
    const url = new URL(page)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    return `${url.origin}${url.pathname}`
  } catch {
    return null
  }
}

/** Browser and system names from a User-Agent ("Chrome", "macOS"); null when it says nothing. */
export function browserOf(userAgent: string | undefined) {
  if (!userAgent) return { browser: null, os: null }
  const result = Bowser.parse(userAgent.slice(0, 512))
  return { browser: result.browser.name || null, os: result.os.name || null }
}

/** What tells this visitor apart, from their request's User-Agent and their chat's report. */
export function visitorInfo(userAgent: string | undefined, context: VisitorContext): VisitorInfo {
  const place = context.timeZone ? placeOfTimeZone(context.timeZone) : { city: null, country: null }
  return {
    ...browserOf(userAgent),
    ...place,
    timeZone: context.timeZone ?? null,
    language: context.language ?? null,
    page: context.page ? pageWithoutQuery(context.page) : null,
  }
}
