import { AuthorizationResponse, BasePolicy } from '@adonisjs/bouncer'
import type { ConsoleRole } from '#models/console_user'

/**
 * Who may read and change a tenant's settings (API.md, "Console"): a secret key may do
 * everything; a console session by its role —
 *   owner     everything
 *   admin     everything but the owners and the billing account
 *   developer keys, origins, domains, theme (and branding, the theme's sibling)
 *   support   reads
 * Every role reads every area. So providers (the OpenAI key, the Stripe account, WhatsApp numbers)
 * and workspaces (suspend, resume) are owner and admin business; developers and support read them.
 * Rules about a particular console user (an admin may not touch an owner) are in ConsoleUserPolicy.
 */
export const SETTINGS_AREAS = [
  'theme',
  'branding',
  'keys',
  'origins',
  'domains',
  'providers',
  'billing',
  'sessionPolicy',
  'workspaces',
  'usage',
  'auditEvents',
  'consoleUsers',
] as const
export type SettingsArea = (typeof SETTINGS_AREAS)[number]

/** What asks: the secret key or a console user with a role. */
export type SettingsPrincipal = { via: 'secret_key' } | { via: 'console'; role: ConsoleRole }

const DEVELOPER_AREAS: readonly SettingsArea[] = ['theme', 'branding', 'keys', 'origins', 'domains']

const deny = (message: string) => AuthorizationResponse.deny(message, 403)

export default class TenantSettingsPolicy extends BasePolicy {
  view(principal: SettingsPrincipal, _area: SettingsArea) {
    return principal.via === 'secret_key' || CONSOLE_ROLES_READ.includes(principal.role)
  }

  manage(principal: SettingsPrincipal, area: SettingsArea) {
    if (principal.via === 'secret_key') return true
    switch (principal.role) {
      case 'owner':
        return true
      case 'admin':
        return area !== 'billing' || deny('Only owners manage the billing account')
      case 'developer':
        return (
          DEVELOPER_AREAS.includes(area) ||
          deny('Developers manage keys, origins, domains and the theme only')
        )
      default:
        return deny('Support users can only read')
    }
  }
}

const CONSOLE_ROLES_READ: readonly ConsoleRole[] = ['owner', 'admin', 'developer', 'support']
