import { registerMessages } from '../kit/localize.js'

/** The canned responses manager's strings: they arrive with its chunk, the first time it opens. */
export const cannedEn = {
  'inbox.canned.title': 'Canned responses',
  'inbox.canned.intro': 'Saved replies: type / and a shortcut in the reply box to insert one.',
  'inbox.canned.readOnly': 'Only admins and owners can add or change them.',
  'inbox.canned.search': 'Search canned responses',
  'inbox.canned.new': 'New response',
  'inbox.canned.newTitle': 'New canned response',
  'inbox.canned.editTitle': 'Edit /{shortcut}',
  'inbox.canned.shortcut': 'Shortcut',
  'inbox.canned.shortcutHelp': 'Letters, digits, - or _, without spaces.',
  'inbox.canned.body': 'Text',
  'inbox.canned.save': 'Save',
  'inbox.canned.cancel': 'Cancel',
  'inbox.canned.edit': 'Edit',
  'inbox.canned.editLabel': 'Edit /{shortcut}',
  'inbox.canned.delete': 'Delete',
  'inbox.canned.deleteLabel': 'Delete /{shortcut}',
  'inbox.canned.confirmTitle': 'Delete /{shortcut}?',
  'inbox.canned.confirmBody':
    'Nobody will be able to insert it any more. Replies already sent keep their text.',
  'inbox.canned.empty': 'No canned responses yet.',
  'inbox.canned.emptyAdmin':
    'No canned responses yet. Create one for the replies your team writes most often.',
  'inbox.canned.noMatch': 'No canned responses match “{q}”.',
  'inbox.canned.more': 'Show more',
  'inbox.canned.loading': 'Loading canned responses…',
  'inbox.canned.saved': '/{shortcut} saved.',
  'inbox.canned.deleted': '/{shortcut} deleted.',
  'inbox.canned.error.shortcut':
    'Use 1 to 40 letters, digits, - or _, without spaces, starting with a letter or a digit.',
  'inbox.canned.error.body': 'Write the text of the response (at most 10,000 characters).',
  'inbox.canned.error.taken': 'Another response already uses /{shortcut}. Choose another shortcut.',
  'inbox.canned.error.gone': 'Someone deleted this response meanwhile. The list is up to date now.',
} as const

declare module '../kit/localize.js' {
  interface WidgetMessages {
    canned: typeof cannedEn
  }
}

/** Typed as the English set: a missing or extra key is a compile error. */
export const cannedEs: Record<keyof typeof cannedEn, string> = {
  'inbox.canned.title': 'Respuestas guardadas',
  'inbox.canned.intro':
    'Respuestas listas para usar: escribe / y un atajo en el cuadro de respuesta para insertar una.',
  'inbox.canned.readOnly': 'Solo los administradores y propietarios pueden añadirlas o cambiarlas.',
  'inbox.canned.search': 'Buscar respuestas guardadas',
  'inbox.canned.new': 'Nueva respuesta',
  'inbox.canned.newTitle': 'Nueva respuesta guardada',
  'inbox.canned.editTitle': 'Editar /{shortcut}',
  'inbox.canned.shortcut': 'Atajo',
  'inbox.canned.shortcutHelp': 'Letras, números, - o _, sin espacios.',
  'inbox.canned.body': 'Texto',
  'inbox.canned.save': 'Guardar',
  'inbox.canned.cancel': 'Cancelar',
  'inbox.canned.edit': 'Editar',
  'inbox.canned.editLabel': 'Editar /{shortcut}',
  'inbox.canned.delete': 'Eliminar',
  'inbox.canned.deleteLabel': 'Eliminar /{shortcut}',
  'inbox.canned.confirmTitle': '¿Eliminar /{shortcut}?',
  'inbox.canned.confirmBody':
    'Ya nadie podrá insertarla. Las respuestas ya enviadas conservan su texto.',
  'inbox.canned.empty': 'Todavía no hay respuestas guardadas.',
  'inbox.canned.emptyAdmin':
    'Todavía no hay respuestas guardadas. Crea una para las respuestas que tu equipo escribe más a menudo.',
  'inbox.canned.noMatch': 'Ninguna respuesta guardada coincide con «{q}».',
  'inbox.canned.more': 'Mostrar más',
  'inbox.canned.loading': 'Cargando respuestas guardadas…',
  'inbox.canned.saved': '/{shortcut} guardada.',
  'inbox.canned.deleted': '/{shortcut} eliminada.',
  'inbox.canned.error.shortcut':
    'Usa de 1 a 40 letras, números, - o _, sin espacios, empezando por una letra o un número.',
  'inbox.canned.error.body': 'Escribe el texto de la respuesta (como máximo 10.000 caracteres).',
  'inbox.canned.error.taken': 'Otra respuesta ya usa /{shortcut}. Elige otro atajo.',
  'inbox.canned.error.gone':
    'Alguien eliminó esta respuesta mientras tanto. La lista ya está al día.',
}

registerMessages({ en: cannedEn, es: cannedEs })
