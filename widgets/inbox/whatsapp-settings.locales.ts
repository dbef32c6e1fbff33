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
  'inbox.whatsapp.removeLabel': 'Remove {label}',
  'inbox.whatsapp.confirmTitle': 'Remove {label}?',
  'inbox.whatsapp.confirmBody':
    'The phone will be unlinked and new messages to this number will no longer reach the inbox. Its conversations stay.',
  'inbox.whatsapp.cancel': 'Cancel',
  'inbox.whatsapp.details': 'Details',
  'inbox.whatsapp.reason.network_unreachable':
    'The server cannot reach WhatsApp. Whoever runs it should check its internet connection; we keep retrying meanwhile.',
  'inbox.whatsapp.reason.connection_lost': 'The connection to WhatsApp dropped. Reconnecting…',
  'inbox.whatsapp.reason.timed_out':
    'WhatsApp did not answer in time. We keep retrying; if this goes on, check the server’s internet connection.',
  'inbox.whatsapp.reason.qr_expired':
    'The QR code expired before it was scanned. A new one appears in a moment.',
  'inbox.whatsapp.reason.logged_out':
    'This number was logged out from the phone. Link it again and scan the new QR code.',
  'inbox.whatsapp.reason.banned':
    'WhatsApp refused this number: it may be banned or restricted. Open WhatsApp on the phone to see why, then link it again.',
  'inbox.whatsapp.reason.replaced':
    'Another session took over this number. If nobody else uses it, remove it and link it again.',
  'inbox.whatsapp.reason.bad_session':
    'WhatsApp rejected the saved session. We keep retrying; if this goes on, remove the number and link it again.',
  'inbox.whatsapp.reason.service_unavailable':
    'WhatsApp is unavailable right now. We keep retrying.',
  'inbox.whatsapp.reason.restart_required': 'Restarting the connection…',
  'inbox.whatsapp.reason.multidevice_mismatch':
    'The phone’s WhatsApp does not support linked devices. Update WhatsApp on the phone.',
  'inbox.whatsapp.reason.disconnected': 'This number was disconnected. Link it again to use it.',
  'inbox.whatsapp.reason.unknown':
    'WhatsApp closed the connection. The details say why; we keep retrying unless it logged out.',
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
  'inbox.whatsapp.removeLabel': 'Quitar {label}',
  'inbox.whatsapp.confirmTitle': '¿Quitar {label}?',
  'inbox.whatsapp.confirmBody':
    'El teléfono se desvinculará y los mensajes nuevos a este número ya no llegarán a la bandeja. Sus conversaciones se conservan.',
  'inbox.whatsapp.cancel': 'Cancelar',
  'inbox.whatsapp.details': 'Detalles',
  'inbox.whatsapp.reason.network_unreachable':
    'El servidor no puede conectar con WhatsApp. Quien lo administra debe revisar su conexión a internet; mientras tanto seguimos reintentando.',
  'inbox.whatsapp.reason.connection_lost': 'Se cortó la conexión con WhatsApp. Reconectando…',
  'inbox.whatsapp.reason.timed_out':
    'WhatsApp no respondió a tiempo. Seguimos reintentando; si continúa, revisa la conexión a internet del servidor.',
  'inbox.whatsapp.reason.qr_expired':
    'El código QR caducó antes de escanearse. En un momento aparece uno nuevo.',
  'inbox.whatsapp.reason.logged_out':
    'Se cerró la sesión de este número desde el teléfono. Vincúlalo de nuevo y escanea el nuevo código QR.',
  'inbox.whatsapp.reason.banned':
    'WhatsApp rechazó este número: puede estar bloqueado o restringido. Abre WhatsApp en el teléfono para ver por qué y luego vincúlalo de nuevo.',
  'inbox.whatsapp.reason.replaced':
    'Otra sesión tomó el control de este número. Si nadie más lo usa, quítalo y vincúlalo de nuevo.',
  'inbox.whatsapp.reason.bad_session':
    'WhatsApp rechazó la sesión guardada. Seguimos reintentando; si continúa, quita el número y vincúlalo de nuevo.',
  'inbox.whatsapp.reason.service_unavailable':
    'WhatsApp no está disponible ahora mismo. Seguimos reintentando.',
  'inbox.whatsapp.reason.restart_required': 'Reiniciando la conexión…',
  'inbox.whatsapp.reason.multidevice_mismatch':
    'El WhatsApp del teléfono no admite dispositivos vinculados. Actualiza WhatsApp en el teléfono.',
  'inbox.whatsapp.reason.disconnected':
    'Este número se desconectó. Vincúlalo de nuevo para usarlo.',
  'inbox.whatsapp.reason.unknown':
    'WhatsApp cerró la conexión. Los detalles dicen por qué; seguimos reintentando salvo que se haya cerrado la sesión.',
}

registerMessages({ en: whatsappEn, es: whatsappEs })
