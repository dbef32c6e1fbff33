import { createHash } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Tenant from '#models/tenant'
import { ApiError } from '#exceptions/api_error'
import { compileTheme } from '#themes/compile'
import { validateTheme, type TokenProblem } from '#themes/validate'
import type { ThemeInput } from '#themes/tokens'
import { audit, type AuditEntry } from '#services/audit'
import { invalidateTenant } from '#services/tenant_cache'

/** The CSS of a tenant's theme and its ETag (a hash of the CSS itself). */
export function themeStylesheet(theme: ThemeInput) {
  const css = compileTheme(theme)
  const etag = `"${createHash('sha256').update(css).digest('base64url').slice(0, 22)}"`
  return { css, etag }
}

/**
 * Replaces a tenant's theme. Bad tokens are refused with a detail per field; contrast below
 * WCAG AA is saved but returned as warnings. Audited; every instance drops its cached CSS.
 */
export async function setTheme(
  trx: TransactionClientContract,
  tenant: Tenant,
  tokens: unknown,
  actor: AuditEntry['actor']
): Promise<{ tokens: ThemeInput; warnings: TokenProblem[] }> {
  const { errors, warnings } = validateTheme(tokens)
  if (errors.length) {
    throw ApiError.validation(
      errors.map((e) => ({ field: `tokens.${e.field}`, message: e.message })),
      'The theme has invalid tokens'
    )
  }
  const before = tenant.theme
  tenant.theme = tokens as ThemeInput
  await tenant.useTransaction(trx).save()
  await audit(trx, {
    tenantId: tenant.id,
    action: 'theme.updated',
    actor,
    target: { type: 'tenant', id: tenant.id },
    data: { before, after: tokens as object, warnings: warnings.length },
  })
  trx.after('commit', () => invalidateTenant(tenant.id))
  return { tokens: tenant.theme, warnings }
}
