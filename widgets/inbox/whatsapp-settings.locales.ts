import { registerMessages } from '../kit/localize.js'

/** The channel settings' strings: they arrive with their own chunk, the first time it opens. */
export const whatsappEn = {
  'inbox.whatsapp.title': 'WhatsApp numbers',
  'inbox.whatsapp.none': 'No number connected yet.',
  'inbox.whatsapp.label': 'Name for a new number',
  'inbox.whatsapp.add': 'Connect a number',
  'inbox.whatsapp.status.connecting': 'Connecting…',
  'inbox.whatsapp.status.qr': 'Waiting to be linked',
  'inbox.whatsapp.status.open': 'Connected',
  'inbox.whatsapp.status.closed': 'Reconnecting…',
  'inbox.whatsapp.status.logged_out': 'Logged out',
  'inbox.whatsapp.qr': 'QR code to scan with WhatsApp',
  'inbox.whatsapp.scan':
    'On the phone: WhatsApp, Settings, Linked devices, Link a device; then scan this code.',
  'inbox.whatsapp.code': 'Pairing code',
  'inbox.whatsapp.phone': 'Phone number to link',
  'inbox.whatsapp.useCode': 'Use a code instead',
  'inbox.whatsapp.pacing':
    'Up to {cap} messages a day (reached over {days} days), {min} to {max} s apart.',
  'inbox.whatsapp.reconnect': 'Link again',
  'inbox.whatsapp.remove': 'Remove',
} as const

declare module '../kit/localize.js' {
  interface WidgetMessages {
    whatsapp: typeof whatsappEn
  }
}

/** Typed as the English set: a missing or extra key is a compile error. */
export const whatsappEs: Record<keyof typeof whatsappEn, string> = {
  'inbox.whatsapp.title': 'Números de WhatsApp',
  'inbox.whatsapp.none': 'Todavía no hay ningún número conectado.',
  'inbox.whatsapp.label': 'Nombre para un número nuevo',
  'inbox.whatsapp.add': 'Conectar un número',
  'inbox.whatsapp.status.connecting': 'Conectando…',
  'inbox.whatsapp.status.qr': 'Esperando vinculación',
  'inbox.whatsapp.status.open': 'Conectado',
  'inbox.whatsapp.status.closed': 'Reconectando…',
  'inbox.whatsapp.status.logged_out': 'Sesión cerrada',
  'inbox.whatsapp.qr': 'Código QR para escanear con WhatsApp',
  'inbox.whatsapp.scan':
    'En el teléfono: WhatsApp, Ajustes, Dispositivos vinculados, Vincular un dispositivo; luego escanea este código.',
  'inbox.whatsapp.code': 'Código de vinculación',
  'inbox.whatsapp.phone': 'Número de teléfono a vincular',
  'inbox.whatsapp.useCode': 'Usar un código',
  'inbox.whatsapp.pacing':
    'Hasta {cap} mensajes al día (alcanzados en {days} días), con {min} a {max} s entre ellos.',
  'inbox.whatsapp.reconnect': 'Vincular de nuevo',
  'inbox.whatsapp.remove': 'Quitar',
}

registerMessages({ en: whatsappEn, es: whatsappEs })
