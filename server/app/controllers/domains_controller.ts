import type { HttpContext } from '@adonisjs/core/http'
import logger from '@adonisjs/core/services/logger'
import { ApiError } from '#exceptions/api_error'
import CustomDomain from '#models/custom_domain'
import { audit } from '#services/audit'
import { settingsActor } from '#middleware/tenant_settings_auth_middleware'
import { paginate } from '#services/pagination'
import { normaliseHostname } from '#services/domains/hostnames'
import { forgetDomain, isVerifiedDomain } from '#services/domains/check_cache'
import { newToken, verifyDomain } from '#services/domains/verification'
import { CustomDomainTransformer } from '#transformers/custom_domain_transformer'
import { createDomainValidator, domainCheckValidator } from '#validators/console_settings'
import { pageValidator } from '#validators/pagination'
import { validateBody, validateQuery } from '#validators/strict'

/**
 * Custom domains (tenant settings: secret key or console session). Adding one gives the TXT
 * record to set and the CNAME target; verification runs on POST …/verify and by the periodic
 * VerifyCustomDomains job. GET /v1/domains/check is Caddy's on-demand TLS `ask` (no auth).
 */
export default class DomainsController {
  async index({ request, tenancy }: HttpContext) {
    const page = await validateQuery(request, pageValidator)
    const { data, nextCursor } = await paginate(CustomDomain.scoped(tenancy), page)
    return { data: data.map(CustomDomainTransformer.transform), nextCursor }
  }

  async store({ request, response, tenancy }: HttpContext) {
    const { hostname: input } = await validateBody(request, createDomainValidator)
    const normalised = normaliseHostname(input)
    if ('error' in normalised)
      throw ApiError.validation([{ field: 'hostname', message: normalised.error }])
    const { hostname } = normalised
    // A savepoint: a taken name must not abort the request's transaction.
    const domain = await tenancy.trx
      .transaction((savepoint) =>
        CustomDomain.create(
          { tenantId: tenancy.tenantId, hostname, token: newToken(), status: 'pending' },
          { client: savepoint }
        )
      )
      .catch((error) => {
        if ((error as { code?: string }).code !== '23505') throw error
        // Ours or another tenant's: the same answer, which says only that the name is claimed.
        throw new ApiError('CONFLICT', `${hostname} is already added`, [
          { field: 'hostname', message: `${hostname} is already added to an account` },
        ])
      })
    await audit(tenancy.trx, {
      tenantId: tenancy.tenantId,
      action: 'domain.added',
      actor: settingsActor(tenancy),
      target: { type: 'custom_domain', id: domain.id },
      data: { hostname },
    })
    response.status(201)
    return CustomDomainTransformer.transform(domain)
  }

  async show({ params, tenancy }: HttpContext) {
    const domain = await CustomDomain.findScoped(tenancy, params.id, 'Domain')
    return CustomDomainTransformer.transform(domain)
  }

  async verify({ params, tenancy }: HttpContext) {
    const domain = await CustomDomain.findScoped(tenancy, params.id, 'Domain')
    const was = domain.status
    await verifyDomain(tenancy.trx, domain)
    if (was !== domain.status) {
      await audit(tenancy.trx, {
        tenantId: tenancy.tenantId,
        action: `domain.${domain.status}`,
        actor: settingsActor(tenancy),
        target: { type: 'custom_domain', id: domain.id },
        data: { hostname: domain.hostname, error: domain.error },
      })
    }
    return CustomDomainTransformer.transform(domain)
  }

  async destroy({ params, response, tenancy }: HttpContext) {
    const domain = await CustomDomain.findScoped(tenancy, params.id, 'Domain')
    await domain.useTransaction(tenancy.trx).delete()
    forgetDomain(domain.hostname)
    await audit(tenancy.trx, {
      tenantId: tenancy.tenantId,
      action: 'domain.removed',
      actor: settingsActor(tenancy),
      target: { type: 'custom_domain', id: domain.id },
      data: { hostname: domain.hostname },
    })
    return response.noContent()
  }

  /**
   * GET /v1/domains/check?domain=: 200 for a verified custom domain, 404 for anything else
   * (unknown, pending, failed, malformed), 503 when the answer cannot be known — Caddy then
   * issues nothing, which is the safe side: an always-yes endpoint would let anyone spend the
   * ACME quota on names pointed at us.
   */
  async check({ request, response }: HttpContext) {
    const { domain } = await validateQuery(request, domainCheckValidator)
    response.header('Cache-Control', 'no-store')
    const normalised = normaliseHostname(domain)
    if ('error' in normalised) throw ApiError.notFound('Domain')
    let verified: boolean
    try {
      verified = await isVerifiedDomain(normalised.hostname)
    } catch (error) {
      logger.error({ err: error }, 'custom domain check failed')
      throw new ApiError('SERVICE_UNAVAILABLE', 'The domain cannot be checked now', undefined, {
        'Retry-After': '5',
      })
    }
    if (!verified) throw ApiError.notFound('Domain')
    return { hostname: normalised.hostname, status: 'verified' }
  }
}
