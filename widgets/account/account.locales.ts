import { registerMessages } from '../kit/localize.js'

/** The account widget's strings (the kit holds `account.title`, `.workspace`, `.role`, `role.*`). */
export const accountEn = {
  'account.features': 'You can use',
  'account.noFeatures': 'No features are open to this session.',
  'account.unnamed': 'Signed in',
  'account.feature.inbox': 'Inbox',
  'account.feature.recorder': 'Recorder',
  'account.roleHint.owner': 'Manages the workspace, its members and billing',
  'account.roleHint.admin': 'Manages members and settings',
  'account.roleHint.agent': 'Answers conversations and makes recordings',
  'account.roleHint.viewer': 'Reads without changing anything',
} as const

export type AccountKey = keyof typeof accountEn

declare module '../kit/localize.js' {
  interface WidgetMessages {
    account: typeof accountEn
  }
}

export const accountEs: Record<AccountKey, string> = {
  'account.features': 'Puedes usar',
  'account.noFeatures': 'Esta sesión no tiene funciones abiertas.',
  'account.unnamed': 'Sesión iniciada',
  'account.feature.inbox': 'Bandeja de entrada',
  'account.feature.recorder': 'Grabadora',
  'account.roleHint.owner': 'Gestiona el espacio de trabajo, sus miembros y la facturación',
  'account.roleHint.admin': 'Gestiona miembros y ajustes',
  'account.roleHint.agent': 'Responde conversaciones y hace grabaciones',
  'account.roleHint.viewer': 'Lee sin cambiar nada',
}

registerMessages({ en: accountEn, es: accountEs })
