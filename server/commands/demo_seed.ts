import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export const DEMO_TENANT_ID = '0192f000-0000-7000-8000-00000000de00'

/**
 * node ace demo:seed --origin http://localhost:5173 [--json] [--keys-file .parley/demo-keys.json]:
 * the demo tenant `npm run dev` prints keys for. Idempotent: the tenant and its publishable key are
 * kept. A secret key is stored only as a hash, so it cannot be shown twice: with --keys-file the
 * plain key is kept in that file (mode 600) and reused while it is still valid, so a restarted dev
 * prints the same key; without it, or once that key is revoked, a run issues a fresh secret key
 * and revokes the previous demo ones.
 */
export default class DemoSeed extends BaseCommand {
  static commandName = 'demo:seed'
  static description = 'Create or refresh the demo tenant and print its keys'
  static options: CommandOptions = { startApp: true }

  @flags.array({ description: 'Origins the demo host page is served from' })
  declare origin: string[]

  @flags.boolean({ description: 'Print JSON' })
  declare json: boolean

  @flags.string({
    description: 'Keep the secret key in this file and reuse it while it is valid',
  })
  declare keysFile?: string

  /** The secret key a previous run kept in --keys-file, if any. */
  #keptSecret(): string | null {
    if (!this.keysFile || !existsSync(this.keysFile)) return null
    try {
      const kept = JSON.parse(readFileSync(this.keysFile, 'utf8'))
      return kept.tenantId === DEMO_TENANT_ID && typeof kept.secretKey === 'string'
        ? kept.secretKey
        : null
    } catch {
      return null
    }
  }

  async run() {
    const { default: Tenant } = await import('#models/tenant')
    const { default: ApiKey } = await import('#models/api_key')
    const { default: TenantOrigin } = await import('#models/tenant_origin')
    const { withTenant } = await import('#services/tenant_context')
    const { createKey, findPresentedKey } = await import('#services/api_keys')
    const { audit } = await import('#services/audit')
    const { normaliseOrigin, setOrigins } = await import('#services/tenants')
    const origins = (this.origin ?? []).map(normaliseOrigin)

    const keys = await withTenant(
      { tenantId: DEMO_TENANT_ID },
      async (trx) => {
        const actor = { type: 'operator' as const, id: 'demo:seed' }
        if (!(await Tenant.find(DEMO_TENANT_ID, { client: trx }))) {
          await Tenant.create(
            {
              id: DEMO_TENANT_ID,
              name: 'Parley Demo',
              status: 'active',
              locale: 'en',
              sessionPolicy: {},
              logoUrl: null,
            },
            { client: trx }
          )
          await audit(trx, {
            tenantId: DEMO_TENANT_ID,
            action: 'tenant.created',
            actor,
            target: { type: 'tenant', id: DEMO_TENANT_ID },
          })
        }
        let publishable = await ApiKey.query({ client: trx })
          .where('tenant_id', DEMO_TENANT_ID)
          .where('type', 'publishable')
          .whereNull('revoked_at')
          .first()
        if (!publishable) {
          const created = await createKey(trx, DEMO_TENANT_ID, 'publishable', 'demo')
          publishable = created.key
        }
        const kept = this.#keptSecret()
        const keptKey = kept ? await findPresentedKey(trx, kept) : null
        if (keptKey && keptKey.type === 'secret' && !keptKey.revokedAt) {
          return { publishableKey: publishable.token!, secretKey: kept!, reused: true }
        }
        await trx.rawQuery(
          `update api_keys set revoked_at = now() where tenant_id = ? and type = 'secret' and label = 'demo' and revoked_at is null`,
          [DEMO_TENANT_ID]
        )
        const secret = await createKey(trx, DEMO_TENANT_ID, 'secret', 'demo')
        await audit(trx, {
          tenantId: DEMO_TENANT_ID,
          action: 'key.created',
          actor,
          target: { type: 'api_key', id: secret.key.id },
          data: { type: 'secret' },
        })
        return { publishableKey: publishable.token!, secretKey: secret.plain, reused: false }
      },
      'operator'
    )
    if (this.keysFile && !keys.reused) {
      writeFileSync(
        this.keysFile,
        JSON.stringify({ tenantId: DEMO_TENANT_ID, secretKey: keys.secretKey }) + '\n',
        { mode: 0o600 }
      )
    }
    await setOrigins(DEMO_TENANT_ID, { add: origins })
    const { seedDemoInbox } = await import('#services/demo_content')
    await seedDemoInbox(DEMO_TENANT_ID)
    const { seedDemoCampaigns } = await import('#services/demo_campaigns')
    await seedDemoCampaigns(DEMO_TENANT_ID)
    const { seedDemoPlans } = await import('#services/demo_billing')
    await seedDemoPlans(DEMO_TENANT_ID)
    // A console owner (TOTP off) and a platform admin (TOTP on) with known passwords (issue 16).
    const { seedDemoAccounts } = await import('#services/console/demo_accounts')
    const accounts = await seedDemoAccounts(DEMO_TENANT_ID)
    const allowed = await withTenant(
      { tenantId: DEMO_TENANT_ID },
      (trx) => TenantOrigin.query({ client: trx }).where('tenant_id', DEMO_TENANT_ID),
      'operator'
    )

    const out = {
      tenantId: DEMO_TENANT_ID,
      origins: allowed.map((o) => o.origin),
      ...keys,
      ...accounts,
    }
    if (this.json) {
      this.logger.log(JSON.stringify(out))
      return
    }
    this.logger.log(JSON.stringify(out, null, 2))
  }
}
