import ConsoleUser from '#models/console_user'
import PlatformUser from '#models/platform_user'
import Tenant from '#models/tenant'
import { withTenant } from '#services/tenant_context'
import type { SessionAccount } from '#services/console/web_sessions'

/** A console user as the console shows it (no secrets). */
export function presentConsoleUser(user: ConsoleUser) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    totpEnabled: Boolean(user.totpEnabledAt),
    lastSignInAt: user.lastSignInAt?.toISO() ?? null,
    createdAt: user.createdAt.toISO(),
  }
}

/** A platform admin as the admin shows it (no secrets). */
export function presentPlatformUser(user: PlatformUser) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    totpEnabled: Boolean(user.totpEnabledAt),
    lastSignInAt: user.lastSignInAt?.toISO() ?? null,
    createdAt: user.createdAt.toISO(),
  }
}

export function presentTenant(tenant: Tenant) {
  return { id: tenant.id, name: tenant.name, status: tenant.status }
}

/** GET …/me and the sign-in answer: the account, and for the console its tenant and role. */
export async function presentAccount(account: SessionAccount) {
  if (account.kind === 'admin') {
    const admin = await PlatformUser.findOrFail(account.id)
    return {
      user: presentPlatformUser(admin),
      ...(account.pendingTotp ? { totpSetupRequired: true } : {}),
    }
  }
  return withTenant({ tenantId: account.tenantId! }, async (trx) => {
    const user = await ConsoleUser.findScoped(
      { trx, tenantId: account.tenantId! },
      account.id,
      'User'
    )
    const tenant = await Tenant.findOrFail(account.tenantId!, { client: trx })
    return { user: presentConsoleUser(user), tenant: presentTenant(tenant) }
  })
}
