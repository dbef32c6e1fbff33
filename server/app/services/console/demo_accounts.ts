import { createHmac } from 'node:crypto'
import hash from '@adonisjs/core/services/hash'
import { DateTime } from 'luxon'
import env from '#start/env'
import ConsoleUser from '#models/console_user'
import PlatformUser from '#models/platform_user'
import { withTenant } from '#services/tenant_context'
import { openSecret, otpauthUrl, sealSecret } from '#services/console/totp'

/**
 * Demo accounts for `npm run dev` (demo:seed): a console owner of the demo tenant with TOTP off
 * and a platform admin with TOTP on, both with known passwords, printed with the keys. The
 * admin's TOTP secret is derived from APP_KEY so an authenticator set up once keeps working
 * across restarts. Development only: demo:seed is never run in production.
 */
export const DEMO_CONSOLE = { email: 'owner@demo.parley.test', password: 'parley-demo-console' }
export const DEMO_ADMIN = { email: 'admin@demo.parley.test', password: 'parley-demo-admin' }

function demoTotpSecret() {
  const digest = createHmac('sha256', String(env.get('APP_KEY')))
    .update('parley demo admin totp')
    .digest()
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  return [...digest.subarray(0, 20)].map((b) => alphabet[b & 31]).join('')
}

export async function seedDemoAccounts(tenantId: string) {
  await withTenant(
    { tenantId },
    async (trx) => {
      const found = await ConsoleUser.scoped({ trx, tenantId })
        .where('email', DEMO_CONSOLE.email)
        .first()
      if (found) return
      await ConsoleUser.create(
        {
          tenantId,
          email: DEMO_CONSOLE.email,
          name: 'Demo Owner',
          role: 'owner',
          passwordHash: await hash.make(DEMO_CONSOLE.password),
          recoveryCodes: [],
          failedAttempts: 0,
        },
        { client: trx }
      )
    },
    'operator'
  )

  let admin = await PlatformUser.query().where('email', DEMO_ADMIN.email).first()
  if (!admin) {
    admin = await PlatformUser.create({
      email: DEMO_ADMIN.email,
      name: 'Demo Admin',
      passwordHash: await hash.make(DEMO_ADMIN.password),
      totpSealed: sealSecret(demoTotpSecret()),
      totpEnabledAt: DateTime.now(),
      recoveryCodes: [],
      failedAttempts: 0,
    })
  }
  const totpSecret = admin.totpSealed ? openSecret(admin.totpSealed) : null
  return {
    console: { ...DEMO_CONSOLE, tenantId },
    admin: {
      ...DEMO_ADMIN,
      totpSecret,
      otpauthUrl: totpSecret ? otpauthUrl(totpSecret, DEMO_ADMIN.email) : null,
    },
  }
}
