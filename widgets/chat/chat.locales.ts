import { registerMessages } from '../kit/localize.js'

/** The web chat's strings, registered with the kit's translation layer when the chat loads. */
export const chatEn = {
  'chat.title': 'Chat with {name}',
  'chat.team': 'Support',
  'chat.greeting': 'Hi! Ask us anything. We’re here to help.',
  'chat.replyTime.minutes': 'Usually replies in a few minutes',
  'chat.replyTime.hour': 'Usually replies within an hour',
  'chat.replyTime.day': 'Usually replies in a day',
  'chat.online': 'Online now',
  'chat.teamPeople': 'The team: {names}',
  'chat.ended': 'This conversation was closed. Write again to start a new one.',
  'chat.typing': '{name} is typing…',
  'chat.placeholder': 'Write a message…',
  'chat.form.title': 'Before we start',
  'chat.form.intro': 'Tell us how to reach you, in case you leave before we reply.',
  'chat.form.introOptional': 'Leave your details if you like, so we can reach you later.',
  'chat.form.name': 'Your name',
  'chat.form.email': 'Your email',
  'chat.form.start': 'Start the conversation',
  'chat.form.skip': 'Skip',
  'chat.form.nameMissing': 'Please tell us your name',
  'chat.form.emailMissing': 'Please give us your email',
  'chat.form.emailInvalid': 'This does not look like an email address',
  'chat.email.prompt': 'Nobody has answered yet. Leave your email and we’ll reply there.',
  'chat.email.label': 'Email',
  'chat.email.send': 'Save',
  'chat.email.dismiss': 'No thanks',
  'chat.email.saved': 'Thanks! We’ll reply to {email} if you’ve left by then.',
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
  'chat.greeting': '¡Hola! Pregúntanos lo que quieras. Estamos para ayudarte.',
  'chat.replyTime.minutes': 'Suele responder en unos minutos',
  'chat.replyTime.hour': 'Suele responder en menos de una hora',
  'chat.replyTime.day': 'Suele responder en un día',
  'chat.online': 'En línea ahora',
  'chat.teamPeople': 'El equipo: {names}',
  'chat.ended': 'Esta conversación se cerró. Escribe de nuevo para empezar otra.',
  'chat.typing': '{name} está escribiendo…',
  'chat.placeholder': 'Escribe un mensaje…',
  'chat.form.title': 'Antes de empezar',
  'chat.form.intro': 'Dinos cómo contactarte, por si te vas antes de que respondamos.',
  'chat.form.introOptional': 'Deja tus datos si quieres, para que podamos contactarte luego.',
  'chat.form.name': 'Tu nombre',
  'chat.form.email': 'Tu email',
  'chat.form.start': 'Empezar la conversación',
  'chat.form.skip': 'Omitir',
  'chat.form.nameMissing': 'Dinos tu nombre',
  'chat.form.emailMissing': 'Danos tu email',
  'chat.form.emailInvalid': 'Esto no parece una dirección de email',
  'chat.email.prompt': 'Aún no ha respondido nadie. Deja tu email y te responderemos allí.',
  'chat.email.label': 'Email',
  'chat.email.send': 'Guardar',
  'chat.email.dismiss': 'No, gracias',
  'chat.email.saved': '¡Gracias! Te responderemos a {email} si ya no estás aquí.',
}

registerMessages({ en: chatEn, es: chatEs })
