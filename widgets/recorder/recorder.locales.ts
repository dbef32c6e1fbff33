import { registerMessages } from '../kit/localize.js'

/** The recorder's strings, registered with the kit's translation layer when it loads. */
export const recorderEn = {
  'recorder.record': 'Record',
  'recorder.pause': 'Pause',
  'recorder.resume': 'Resume',
  'recorder.stop': 'Stop',
  'recorder.saving': 'Saving…',
  'recorder.level': 'Input level',
  'recorder.saved': 'Saved up to {time}',
  'recorder.device': 'Microphone',
  'recorder.asking': 'Allow the microphone when your browser asks.',
  'recorder.denied':
    'The microphone is blocked. Allow it in the address bar (the camera or lock icon) and try again.',
  'recorder.noDevice': 'No microphone was found. Connect one, or upload a recording instead.',
  'recorder.drop': 'Drop an audio or video file here, or choose one',
  'recorder.uploading': 'Uploading…',
  'recorder.empty': 'No recordings yet. Record one, or upload a file.',
  'recorder.recordings': 'Recordings',
  'recorder.failed': 'Transcription failed',
  'recorder.progress': 'Transcription progress',
  'recorder.status.recording': 'Recording…',
  'recorder.status.unfinished': 'Upload not finished',
  'recorder.status.noProvider': 'Uploaded — transcription not set up',
  'recorder.status.noMinutes': 'Uploaded — no transcription minutes left this month',
  'recorder.status.uploaded': 'Uploaded — not transcribed yet',
  'recorder.status.queued': 'Waiting to transcribe',
  'recorder.status.transcribing': 'Transcribing… {percent}%',
  'recorder.status.ready': 'Transcribed',
  'recorder.status.failed': 'Transcription failed',
  'recorder.back': 'Back to recordings',
  'recorder.summary': 'Summary',
  'recorder.actions': 'Action items',
  'recorder.search': 'Search the transcript',
  'recorder.playFrom': 'Play from {time}',
  'recorder.edit': 'Edit this line',
  'recorder.delete': 'Delete recording',
  'recorder.deleteTitle': 'Delete “{title}”?',
  'recorder.deleteBody': 'Its audio, transcript and summary are deleted for good.',
  'recorder.deleteConfirm': 'Delete',
  'recorder.defaultTitle': 'Voice recording',
  'recorder.finish': 'Finish upload',
  'recorder.transcribe': 'Transcribe',
  'recorder.noProvider':
    'Transcription is not set up for this account yet (no provider key). Ask the administrator.',
  'recorder.noProviderHint':
    'You can play it now. Once your administrator sets up transcription, it can be transcribed here.',
  'recorder.noMinutes': 'There are no transcription minutes left this month.',
  'recorder.play': 'Play',
  'recorder.pauseAudio': 'Pause',
  'recorder.position': 'Position',
  'recorder.timeOf': '{current} / {total}',
  'recorder.audioFailed': 'The audio could not be played. Reload the page and try again.',
} as const

export type RecorderKey = keyof typeof recorderEn

declare module '../kit/localize.js' {
  interface WidgetMessages {
    recorder: typeof recorderEn
  }
}

export const recorderEs: Record<RecorderKey, string> = {
  'recorder.record': 'Grabar',
  'recorder.pause': 'Pausar',
  'recorder.resume': 'Reanudar',
  'recorder.stop': 'Detener',
  'recorder.saving': 'Guardando…',
  'recorder.level': 'Nivel de entrada',
  'recorder.saved': 'Guardado hasta {time}',
  'recorder.device': 'Micrófono',
  'recorder.asking': 'Permite el micrófono cuando el navegador lo pida.',
  'recorder.denied':
    'El micrófono está bloqueado. Permítelo en la barra de direcciones (icono de cámara o candado) y vuelve a intentarlo.',
  'recorder.noDevice': 'No se encontró un micrófono. Conecta uno o sube una grabación.',
  'recorder.drop': 'Suelta aquí un archivo de audio o vídeo, o elige uno',
  'recorder.uploading': 'Subiendo…',
  'recorder.empty': 'Todavía no hay grabaciones. Graba una o sube un archivo.',
  'recorder.recordings': 'Grabaciones',
  'recorder.failed': 'La transcripción falló',
  'recorder.progress': 'Progreso de la transcripción',
  'recorder.status.recording': 'Grabando…',
  'recorder.status.unfinished': 'Subida sin terminar',
  'recorder.status.noProvider': 'Subida — la transcripción no está configurada',
  'recorder.status.noMinutes': 'Subida — no quedan minutos de transcripción este mes',
  'recorder.status.uploaded': 'Subida — aún sin transcribir',
  'recorder.status.queued': 'En espera de transcripción',
  'recorder.status.transcribing': 'Transcribiendo… {percent} %',
  'recorder.status.ready': 'Transcrita',
  'recorder.status.failed': 'La transcripción falló',
  'recorder.back': 'Volver a las grabaciones',
  'recorder.summary': 'Resumen',
  'recorder.actions': 'Tareas',
  'recorder.search': 'Buscar en la transcripción',
  'recorder.playFrom': 'Reproducir desde {time}',
  'recorder.edit': 'Editar esta línea',
  'recorder.delete': 'Eliminar grabación',
  'recorder.deleteTitle': '¿Eliminar «{title}»?',
  'recorder.deleteBody': 'Su audio, transcripción y resumen se eliminan para siempre.',
  'recorder.deleteConfirm': 'Eliminar',
  'recorder.defaultTitle': 'Grabación de voz',
  'recorder.finish': 'Terminar la subida',
  'recorder.transcribe': 'Transcribir',
  'recorder.noProvider':
    'La transcripción aún no está configurada para esta cuenta (falta la clave del proveedor). Consulta al administrador.',
  'recorder.noProviderHint':
    'Ya puedes escucharla. Cuando tu administrador configure la transcripción, podrás transcribirla aquí.',
  'recorder.noMinutes': 'No quedan minutos de transcripción este mes.',
  'recorder.play': 'Reproducir',
  'recorder.pauseAudio': 'Pausar',
  'recorder.position': 'Posición',
  'recorder.timeOf': '{current} / {total}',
  'recorder.audioFailed': 'No se pudo reproducir el audio. Recarga la página e inténtalo de nuevo.',
}

registerMessages({ en: recorderEn, es: recorderEs })
