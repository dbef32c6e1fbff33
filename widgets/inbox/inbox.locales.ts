import { registerMessages } from '../kit/localize.js'

/** The inbox's strings, registered with the kit's translation layer when the inbox loads. */
export const inboxEn = {
  'inbox.title': 'Inbox',
  'inbox.conversations': 'Conversations',
  'inbox.empty': 'No conversations yet',
  'inbox.pick': 'Choose a conversation',
  'inbox.back': 'Back to conversations',
  'inbox.composer': 'Write a reply',
  'inbox.composerHint': 'Enter to send, Shift+Enter for a new line',
  'inbox.send': 'Send',
  'inbox.note': 'Internal note',
  'inbox.retry': 'Not sent. Retry',
  'inbox.sending': 'Sending…',
  'inbox.today': 'Today',
  'inbox.yesterday': 'Yesterday',
  'inbox.typing': 'Someone is typing…',
  'inbox.unread': '{count} unread',
  'inbox.resolve': 'Resolve',
  'inbox.reopen': 'Reopen',
  'inbox.status.open': 'Open',
  'inbox.status.pending': 'Pending',
  'inbox.status.snoozed': 'Snoozed',
  'inbox.status.resolved': 'Resolved',
  'inbox.status.closed': 'Closed',
  'inbox.message.pending': 'Sending',
  'inbox.message.sent': 'Sent',
  'inbox.message.delivered': 'Delivered',
  'inbox.message.read': 'Read',
  'inbox.message.failed': 'Failed',
  'inbox.unknownContact': 'Unknown contact',
} as const

export type InboxKey = keyof typeof inboxEn

/** Typed as the English set: a missing or extra key is a compile error. */
export const inboxEs: Record<InboxKey, string> = {
  'inbox.title': 'Bandeja',
  'inbox.conversations': 'Conversaciones',
  'inbox.empty': 'Todavía no hay conversaciones',
  'inbox.pick': 'Elige una conversación',
  'inbox.back': 'Volver a las conversaciones',
  'inbox.composer': 'Escribe una respuesta',
  'inbox.composerHint': 'Enter para enviar, Shift+Enter para una nueva línea',
  'inbox.send': 'Enviar',
  'inbox.note': 'Nota interna',
  'inbox.retry': 'No enviado. Reintentar',
  'inbox.sending': 'Enviando…',
  'inbox.today': 'Hoy',
  'inbox.yesterday': 'Ayer',
  'inbox.typing': 'Alguien está escribiendo…',
  'inbox.unread': '{count} sin leer',
  'inbox.resolve': 'Resolver',
  'inbox.reopen': 'Reabrir',
  'inbox.status.open': 'Abierta',
  'inbox.status.pending': 'Pendiente',
  'inbox.status.snoozed': 'Pospuesta',
  'inbox.status.resolved': 'Resuelta',
  'inbox.status.closed': 'Cerrada',
  'inbox.message.pending': 'Enviando',
  'inbox.message.sent': 'Enviado',
  'inbox.message.delivered': 'Entregado',
  'inbox.message.read': 'Leído',
  'inbox.message.failed': 'Falló',
  'inbox.unknownContact': 'Contacto desconocido',
}

registerMessages({ en: inboxEn, es: inboxEs })
