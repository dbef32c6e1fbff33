import { iso } from '#transformers/time'
import type Recording from '#models/recording'
import { signedLink } from '#services/attachments'

/** Where the widget's player reads a recording's audio (a signed link: `<audio>` sends no token). */
export const audioPath = (r: Pick<Recording, 'tenantId' | 'workspaceId' | 'id'>) =>
  `/v1/recording-audio/${r.tenantId}/${r.workspaceId}/${r.id}`

/** A recording as the API shows it (API.md names: status, progress, durationSeconds, language, error). */
export const RecordingTransformer = {
  transform: (r: Recording) => ({
    id: r.id,
    title: r.title,
    mimeType: r.mimeType,
    status: r.status,
    progress: r.progress,
    durationSeconds: r.durationSeconds,
    sizeBytes: r.sizeBytes,
    language: r.language,
    error: r.error ? { code: r.errorCode, message: r.error } : null,
    audioUrl: r.storageKey ? signedLink(audioPath(r)) : null,
    summary: r.summary,
    actionItems: r.actionItems,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  }),
}
