import { registerMessages } from '../kit/localize.js'

/** The recorder's strings, registered with the kit's translation layer when it loads. */
export const recorderEn = {
  'recorder.record': 'Record',
  'recorder.pause': 'Pause',
  'recorder.resume': 'Resume',
  'recorder.stop': 'Stop and transcribe',
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
  'recorder.empty': 'No recordings yet.',
  'recorder.recordings': 'Recordings',
  'recorder.failed': 'Transcription failed',
  'recorder.progress': 'Transcription progress',
  'recorder.status.uploading': 'Recording…',
  'recorder.status.queued': 'Waiting to transcribe',
  'recorder.status.transcribing': 'Transcribing',
  'recorder.status.ready': 'Ready',
  'recorder.status.failed': 'Failed',
  'recorder.back': 'Back to recordings',
  'recorder.summary': 'Summary',
  'recorder.actions': 'Action items',
  'recorder.search': 'Search the transcript',
  'recorder.playFrom': 'Play from {time}',
  'recorder.edit': 'Edit this line',
  'recorder.delete': 'Delete recording',
  'recorder.defaultTitle': 'Recording of {date}',
  'recorder.notTranscribed': 'Not transcribed yet',
  'recorder.transcribe': 'Transcribe',
  'recorder.noProvider':
    'Transcription is not set up for this account yet (no provider key). Ask the administrator.',
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
  'recorder.stop': 'Detener y transcribir',
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
  'recorder.empty': 'Todavía no hay grabaciones.',
  'recorder.recordings': 'Grabaciones',
  'recorder.failed': 'La transcripción falló',
  'recorder.progress': 'Progreso de la transcripción',
  'recorder.status.uploading': 'Grabando…',
  'recorder.status.queued': 'En espera de transcripción',
  'recorder.status.transcribing': 'Transcribiendo',
  'recorder.status.ready': 'Lista',
  'recorder.status.failed': 'Falló',
  'recorder.back': 'Volver a las grabaciones',
  'recorder.summary': 'Resumen',
  'recorder.actions': 'Tareas',
  'recorder.search': 'Buscar en la transcripción',
  'recorder.playFrom': 'Reproducir desde {time}',
  'recorder.edit': 'Editar esta línea',
  'recorder.delete': 'Eliminar grabación',
  'recorder.defaultTitle': 'Grabación del {date}',
  'recorder.notTranscribed': 'Aún sin transcribir',
  'recorder.transcribe': 'Transcribir',
  'recorder.noProvider':
    'La transcripción aún no está configurada para esta cuenta (falta la clave del proveedor). Consulta al administrador.',
}

registerMessages({ en: recorderEn, es: recorderEs })
