import { registerMessages } from '../localize.js'

/**
 * Strings of the kit's form controls (select, menu, combobox, date-time picker, tag input, confirm
 * dialog). Month and weekday names are not here: they come from Intl in the element's locale.
 */
export const controlsEn = {
  'controls.placeholder': 'Select…',
  'controls.noResults': 'No results',
  'controls.loading': 'Loading…',
  'controls.clear': 'Clear',
  'controls.result': '1 result',
  'controls.results': '{count} results',
  'controls.presence.online': 'Online',
  'controls.presence.away': 'Away',
  'controls.presence.offline': 'Offline',
  'controls.menu': 'Actions',
  'controls.tag.remove': 'Remove {tag}',
  'controls.tag.added': '{tag} added',
  'controls.tag.removed': '{tag} removed',
  'controls.tag.duplicate': '{tag} is already there',
  'controls.tag.max': 'You can add up to {max}',
  'controls.tag.hint':
    'Enter or a comma adds a tag. Backspace in the empty field goes to the tags; Backspace or Delete removes one.',
  'controls.date.choose': 'Choose a date',
  'controls.date.chooseTime': 'Choose a date and time',
  'controls.date.chosen': '{label}: {date}',
  'controls.date.previousMonth': 'Previous month',
  'controls.date.nextMonth': 'Next month',
  'controls.date.today': 'Today',
  'controls.date.time': 'Time',
  'controls.date.hour': 'Hours',
  'controls.date.minute': 'Minutes',
  'controls.date.dayPeriod': 'AM/PM',
  'controls.date.done': 'Done',
  'controls.date.tooEarly': 'Choose {date} or later',
  'controls.date.tooLate': 'Choose {date} or earlier',
  'controls.date.gridHint': 'Arrow keys move by day and week, Page Up and Page Down by month',
  'controls.confirm.title': 'Are you sure?',
  'controls.confirm.ok': 'Confirm',
  'controls.confirm.cancel': 'Cancel',
} as const

declare module '../localize.js' {
  interface WidgetMessages {
    controls: typeof controlsEn
  }
}

/** Typed as the English set: a missing or extra key is a compile error. */
export const controlsEs: Record<keyof typeof controlsEn, string> = {
  'controls.placeholder': 'Selecciona…',
  'controls.noResults': 'Sin resultados',
  'controls.loading': 'Cargando…',
  'controls.clear': 'Borrar',
  'controls.result': '1 resultado',
  'controls.results': '{count} resultados',
  'controls.presence.online': 'En línea',
  'controls.presence.away': 'Ausente',
  'controls.presence.offline': 'Desconectado',
  'controls.menu': 'Acciones',
  'controls.tag.remove': 'Quitar {tag}',
  'controls.tag.added': 'Se añadió {tag}',
  'controls.tag.removed': 'Se quitó {tag}',
  'controls.tag.duplicate': '{tag} ya está',
  'controls.tag.max': 'Puedes añadir hasta {max}',
  'controls.tag.hint':
    'Enter o una coma añaden una etiqueta. Retroceso en el campo vacío lleva a las etiquetas; Retroceso o Suprimir quita una.',
  'controls.date.choose': 'Elige una fecha',
  'controls.date.chooseTime': 'Elige una fecha y hora',
  'controls.date.chosen': '{label}: {date}',
  'controls.date.previousMonth': 'Mes anterior',
  'controls.date.nextMonth': 'Mes siguiente',
  'controls.date.today': 'Hoy',
  'controls.date.time': 'Hora',
  'controls.date.hour': 'Horas',
  'controls.date.minute': 'Minutos',
  'controls.date.dayPeriod': 'a. m./p. m.',
  'controls.date.done': 'Aceptar',
  'controls.date.tooEarly': 'Elige el {date} o una fecha posterior',
  'controls.date.tooLate': 'Elige el {date} o una fecha anterior',
  'controls.date.gridHint': 'Las flechas avanzan por días y semanas; Re Pág y Av Pág, por meses',
  'controls.confirm.title': '¿Seguro?',
  'controls.confirm.ok': 'Confirmar',
  'controls.confirm.cancel': 'Cancelar',
}

registerMessages({ en: controlsEn, es: controlsEs })
