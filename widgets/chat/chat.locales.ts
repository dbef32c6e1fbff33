import { registerMessages } from '../kit/localize.js'

/** The web chat's strings, registered with the kit's translation layer when the chat loads. */
export const chatEn = {
  'chat.title': 'Chat with {name}',
  'chat.team': 'Support',
  'chat.greeting': 'Ask us anything. We usually reply within a few minutes.',
  'chat.start': 'Write your first message below.',
  'chat.ended': 'This conversation was closed. Write again to start a new one.',
  'chat.typing': 'The team is typing…',
  'chat.placeholder': 'Write a message…',
} as const

export type ChatKey = keyof typeof chatEn

declare module '../kit/localize.js' {
  interface WidgetMessages {
    chat: typeof chatEn
  }
}

export const chatEs: Record<ChatKey, string> = {
  'chat.title': 'Chatea con {name}',
  'chat.team': 'Soporte',
  'chat.greeting': 'Pregúntanos lo que quieras. Solemos responder en pocos minutos.',
  'chat.start': 'Escribe tu primer mensaje abajo.',
  'chat.ended': 'Esta conversación se cerró. Escribe de nuevo para empezar otra.',
  'chat.typing': 'El equipo está escribiendo…',
  'chat.placeholder': 'Escribe un mensaje…',
}

registerMessages({ en: chatEn, es: chatEs })
