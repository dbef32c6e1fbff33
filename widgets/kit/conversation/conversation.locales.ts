import { registerMessages } from '../localize.js'

/**
 * Strings of the conversation UI (composer, message bubbles), registered with the translation
 * layer by whichever widget loads it first (the inbox, the web chat).
 */
export const conversationEn = {
  'conversation.composer': 'Write a reply',
  'conversation.composerHint': 'Enter to send, Shift+Enter for a new line',
  'conversation.send': 'Send',
  'conversation.note': 'Internal note',
  'conversation.retry': 'Not sent. Retry',
  'conversation.sending': 'Sending…',
  'conversation.message.pending': 'Sending',
  'conversation.message.sent': 'Sent',
  'conversation.message.delivered': 'Delivered',
  'conversation.message.read': 'Read',
  'conversation.message.failed': 'Failed',
  'conversation.deleted': 'This message was deleted',
  'conversation.suggestions': 'Suggestions',
  'conversation.emoji': 'Emoji',
  'conversation.attach': 'Attach files',
  'conversation.attachments': 'Attachments',
  'conversation.removeFile': 'Remove {name}',
  'conversation.uploading': 'Uploading {name}',
  'conversation.uploadFailed': 'Upload failed',
} as const

declare module '../localize.js' {
  interface WidgetMessages {
    conversation: typeof conversationEn
  }
}

/** Typed as the English set: a missing or extra key is a compile error. */
export const conversationEs: Record<keyof typeof conversationEn, string> = {
  'conversation.composer': 'Escribe una respuesta',
  'conversation.composerHint': 'Enter para enviar, Shift+Enter para una nueva línea',
  'conversation.send': 'Enviar',
  'conversation.note': 'Nota interna',
  'conversation.retry': 'No enviado. Reintentar',
  'conversation.sending': 'Enviando…',
  'conversation.message.pending': 'Enviando',
  'conversation.message.sent': 'Enviado',
  'conversation.message.delivered': 'Entregado',
  'conversation.message.read': 'Leído',
  'conversation.message.failed': 'Falló',
  'conversation.deleted': 'Este mensaje fue eliminado',
  'conversation.suggestions': 'Sugerencias',
  'conversation.emoji': 'Emoji',
  'conversation.attach': 'Adjuntar archivos',
  'conversation.attachments': 'Adjuntos',
  'conversation.removeFile': 'Quitar {name}',
  'conversation.uploading': 'Subiendo {name}',
  'conversation.uploadFailed': 'No se pudo subir',
}

registerMessages({ en: conversationEn, es: conversationEs })
