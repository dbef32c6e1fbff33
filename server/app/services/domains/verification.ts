import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type CustomDomain from '#models/custom_domain'
import type { DomainStatus } from '#models/custom_domain'
import { domainResolver, lookupCname, lookupTxt } from '#services/domains/dns'
import { targetHost } from '#services/domains/hostnames'
import { forgetDomain } from '#services/domains/check_cache'

export const newToken = () => randomBytes(16).toString('hex')

export const txtName = (hostname: string) => `_parley.${hostname}`
export const txtValue = (token: string) => `parley-verification=${token}`

export interface CheckResult {
  /** null: the lookup itself failed (timeout, server failure): the status stays as it was. */
  status: DomainStatus | null
  error: string | null
}

/**
 * Looks the domain up: the TXT record proves the tenant controls it, the CNAME sends its traffic
 * here. Definite answers (a record missing, a wrong value, a CNAME elsewhere) fail it with the
 * reason in words; a lookup that could not be made (timeout, SERVFAIL) says so and changes nothing.
 */
export async function checkDomain(hostname: string, token: string): Promise<CheckResult> {
  const resolver = domainResolver()
  const name = txtName(hostname)
  const expected = txtValue(token)
  const target = targetHost()
  const [txt, cname] = await Promise.all([
    lookupTxt(resolver, name),
    lookupCname(resolver, hostname),
  ])

  if ('failed' in txt)
    return { status: null, error: `The DNS lookup of ${name} failed (${txt.failed}); try again` }
  if ('absent' in txt)
    return { status: 'failed', error: `TXT record missing: add ${name} with the value ${expected}` }
  if (!txt.found.includes(expected)) {
    const seen = txt.found.filter((v) => v.startsWith('parley-verification=')).join(', ')
    return {
      status: 'failed',
      error: `Wrong value in the TXT record ${name}: expected ${expected}${seen ? `, found ${seen}` : ''}`,
    }
  }

  if ('failed' in cname)
    return {
      status: null,
      error: `The DNS lookup of ${hostname} failed (${cname.failed}); try again`,
    }
  if ('absent' in cname)
    return { status: 'failed', error: `CNAME record missing: point ${hostname} at ${target}` }
  if (!cname.found.includes(target))
    return {
      status: 'failed',
      error: `CNAME points elsewhere: ${hostname} points at ${cname.found.join(', ')}, not ${target}`,
    }
  return { status: 'verified', error: null }
}

/** Checks one domain and stores the outcome in `trx` (the request's, or the job's). */
export async function verifyDomain(trx: TransactionClientContract, domain: CustomDomain) {
  const result = await checkDomain(domain.hostname, domain.token)
  const now = DateTime.now()
  domain.merge({
    status: result.status ?? domain.status,
    error: result.error,
    checkedAt: now,
    verifiedAt: result.status === 'verified' ? (domain.verifiedAt ?? now) : domain.verifiedAt,
  })
  await domain.useTransaction(trx).save()
  // This process answers Caddy's next question from the database, not a stale entry.
  forgetDomain(domain.hostname)
  return domain
}
