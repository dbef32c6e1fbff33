import hash from '@adonisjs/core/services/hash'
import { DateTime } from 'luxon'
import PlatformUser from '#models/platform_user'
import { newTotpSecret, sealSecret, totpCode } from '#services/console/totp'
import { Browser, PASSWORD } from '../console/browser.js'

let counter = 0

/** A platform admin straight in the database (as admin:create and TOTP enrolment leave one). */
export async function makePlatformUser(options: { totp?: boolean } = {}) {
  const email = `admin${++counter}.${Date.now()}@platform.test`
  const totpSecret = options.totp === false ? null : newTotpSecret()
  const user = await PlatformUser.create({
    email,
    name: 'Platform Admin',
    passwordHash: await hash.make(PASSWORD),
    totpSealed: totpSecret ? sealSecret(totpSecret) : null,
    totpEnabledAt: totpSecret ? DateTime.now() : null,
    recoveryCodes: [],
    failedAttempts: 0,
  })
  return { user, email, totpSecret }
}

/** A browser signed in to /v1/admin as a fresh admin with TOTP (its own, so codes never repeat). */
export async function signedInAdmin() {
  const admin = await makePlatformUser()
  const browser = new Browser()
  const signIn = await browser.signIn(
    admin.email,
    PASSWORD,
    { code: totpCode(admin.totpSecret!) },
    '/v1/admin'
  )
  if (signIn.status !== 201) throw new Error(`admin sign-in answered ${signIn.status}`)
  return { browser, admin }
}
