import { iso } from '#transformers/time'
import type Recording from '#models/recording'
import { signedLink } from '#services/attachments'

/** Where the widget's player reads a recording's audio (a signed link: `<audio>` sends no token). */
export const audioPath = (r: Pick<Recording, 'tenantId' | 'workspaceId' | 'id'>) =>
  `/v1/recording-audio/${r.tenantId}/${r.workspaceId}/${r.id}`

/** What a request knows beyond the row. */
export interface RecordingView {
  /**
   * Whether the tenant can transcribe now: an `uploaded` recording says PROVIDER_NOT_CONFIGURED
   * while it cannot, and nothing once it can (the state is the tenant's, not the row's).
   */
  providerConfigured?: boolean
  /** Include the level strip (one recording's answers; lists leave it out). */
  peaks?: boolean
}

const PROVIDER_NOT_CONFIGURED = 'PROVIDER_NOT_CONFIGURED'

function errorOf(r: Recording, view: RecordingView) {
  if (r.status === 'uploaded' && view.providerConfigured === false)
    return { code: PROVIDER_NOT_CONFIGURED, message: 'No transcription provider is configured' }
  if (r.status === 'uploaded' && view.providerConfigured && r.errorCode === PROVIDER_NOT_CONFIGURED)
    return null
  return r.error ? { code: r.errorCode, message: r.error } : null
}

/**
 * A recording as the API shows it (API.md names: status, progress, durationSeconds, language,
 * error), with the player's signed `audioUrl` as soon as the audio is in.
 */
export const RecordingTransformer = {
  transform: (r: Recording, view: RecordingView = {}) => ({
    id: r.id,
    title: r.title,
    mimeType: r.mimeType,
    status: r.status,
    progress: r.progress,
    durationSeconds: r.durationSeconds,
    sizeBytes: r.sizeBytes,
    language: r.language,
    error: errorOf(r, view),
    audioUrl: r.storageKey ? signedLink(audioPath(r)) : null,
    ...(view.peaks ? { peaks: r.peaks ?? null } : {}),
    summary: r.summary,
    actionItems: r.actionItems,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  }),
}
