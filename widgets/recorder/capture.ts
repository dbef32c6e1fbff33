import type { ApiClient } from '../kit/api-client.js'
import { ParleyApiError } from '../kit/errors.js'
import type { Recording } from './recorder.types.js'

/** webm/opus where the browser records it (Chrome, Firefox), else mp4/aac (Safari). */
export function recordingFormat() {
  const candidates = [
    'audio/webm;codecs=opus',
    'audio/webm',
    'audio/mp4;codecs=mp4a.40.2',
    'audio/mp4',
  ]
  return (
    candidates.find(
      (type) => typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(type)
    ) ?? ''
  )
}

const CHUNK_MS = 5000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * A recording in progress: MediaRecorder emits a chunk every five seconds and each chunk is sent
 * (`PUT …/chunks/:n`) at once, retried with backoff until the server has it. A closed tab or a
 * dropped network therefore loses at most the last few seconds; `stop()` waits for every chunk
 * and completes the upload.
 */
export class ChunkedRecording extends EventTarget {
  readonly recorder: MediaRecorder
  #n = 0
  #pending = new Set<Promise<void>>()
  #acknowledged = 0
  #stopped?: Promise<Recording>

  constructor(
    private client: ApiClient,
    readonly recordingId: string,
    readonly stream: MediaStream,
    mimeType: string
  ) {
    super()
    this.recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined)
    this.recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0) this.#send(this.#n++, event.data)
    })
  }

  start() {
    this.recorder.start(CHUNK_MS)
  }

  /** Chunks the server has confirmed (for "saved up to…"). */
  get acknowledged() {
    return this.#acknowledged
  }

  #send(n: number, blob: Blob) {
    const attempt = (async () => {
      for (let tries = 0; ; tries++) {
        try {
          const token = await this.client.token(tries > 0 && tries % 3 === 0)
          const response = await fetch(
            new URL(`/v1/recordings/${this.recordingId}/chunks/${n}`, this.client.baseUrl),
            {
              method: 'PUT',
              headers: {
                'Authorization': `Bearer ${token}`,
                'Content-Type': 'application/octet-stream',
              },
              body: blob,
            }
          )
          if (response.ok) break
          // A refusal (not a hiccup) will not get better by retrying.
          if (
            response.status >= 400 &&
            response.status < 500 &&
            response.status !== 408 &&
            response.status !== 429
          ) {
            const body = await response.json().catch(() => null)
            throw new ParleyApiError(
              body?.error?.code ?? 'BAD_REQUEST',
              body?.error?.message ?? response.statusText,
              response.status
            )
          }
        } catch (error) {
          if (error instanceof ParleyApiError) throw error
        }
        await sleep(Math.min(15_000, 500 * 2 ** tries))
      }
      this.#acknowledged++
      this.dispatchEvent(new Event('chunk'))
    })()
    this.#pending.add(attempt)
    void attempt.finally(() => this.#pending.delete(attempt)).catch(() => {})
  }

  pause() {
    this.recorder.pause()
  }

  resume() {
    this.recorder.resume()
  }

  /**
   * Stops, waits for every chunk to be stored, then completes the upload: the recording as the
   * server then has it (`queued`, or `uploaded` when it cannot be transcribed now).
   */
  stop() {
    this.#stopped ??= (async () => {
      const last = new Promise((r) => this.recorder.addEventListener('stop', r, { once: true }))
      if (this.recorder.state !== 'inactive') this.recorder.stop()
      await last
      for (const track of this.stream.getTracks()) track.stop()
      while (this.#pending.size) await Promise.all([...this.#pending])
      return this.client.request<Recording>(`/v1/recordings/${this.recordingId}/complete`, {
        method: 'POST',
        body: { chunks: this.#n },
      })
    })()
    return this.#stopped
  }
}
