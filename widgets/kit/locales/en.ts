/** English strings: the reference every other locale must match key for key. */
export const en = {
  'launcher.open': 'Open {label}',
  'launcher.close': 'Close',
  'launcher.defaultLabel': 'Messages',
  'launcher.unread': '{count} unread',
  'launcher.resize': 'Drag to resize',
  'state.loading': 'Loading…',
  'state.empty': 'Nothing here yet',
  'state.error': 'Something went wrong',
  'state.retry': 'Try again',
  'state.offline': 'You are offline. We will retry when the connection is back.',
  'badge.count': '{count} new',
  'badge.overflow': 'More than {max} new',
  'dialog.close': 'Close dialog',
  'toast.dismiss': 'Dismiss',
  'input.required': 'Required',
  'avatar.of': 'Avatar of {name}',
  'account.title': 'Your account',
  'account.workspace': 'Workspace',
  'account.role': 'Role',
  'account.widgets': 'Features',
  'role.owner': 'Owner',
  'role.admin': 'Admin',
  'role.agent': 'Agent',
  'role.viewer': 'Viewer',
  'error.AUTHENTICATION_ERROR': 'Your session has ended. Reload the page to continue.',
  'error.AUTHORIZATION_ERROR': 'You do not have access to this.',
  'error.NOT_FOUND': 'This could not be found.',
  'error.TENANT_SUSPENDED': 'This service is unavailable right now.',
  'error.RATE_LIMITED': 'Too many requests. Please wait a moment.',
  'error.PROVIDER_NOT_CONFIGURED': 'This feature is not set up yet.',
  'error.NETWORK': 'Cannot reach the server. Check your connection.',
  'error.UNKNOWN': 'Something went wrong. Please try again.',
} as const

/** A string the kit itself ships. */
export type KitKey = keyof typeof en
export type Messages = Record<KitKey, string>
