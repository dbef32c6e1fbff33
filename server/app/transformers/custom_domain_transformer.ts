import type CustomDomain from '#models/custom_domain'
import { iso } from '#transformers/time'
import { targetHost } from '#services/domains/hostnames'
import { txtName, txtValue } from '#services/domains/verification'

/** API shape of a custom domain (API.md): the records to set, shown copyably by the console. */
export const CustomDomainTransformer = {
  transform: (d: CustomDomain) => ({
    id: d.id,
    hostname: d.hostname,
    status: d.status,
    verification: { type: 'TXT', name: txtName(d.hostname), value: txtValue(d.token) },
    target: { type: 'CNAME', value: targetHost() },
    checkedAt: iso(d.checkedAt),
    verifiedAt: iso(d.verifiedAt),
    // A model just created has no value read back for its nullable columns: null, not absent.
    error: d.error ?? null,
    createdAt: iso(d.createdAt),
  }),
}
