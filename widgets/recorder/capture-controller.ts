import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { api } from '../kit/runtime.js'
import { localStore } from '../kit/shared/local-store.js'
import { ChunkedRecording, recordingFormat } from './capture.js'
import { chunksKey, type Recording } from './recorder.types.js'

export type Capture = 'idle' | 'asking' | 'denied' | 'no-device' | 'recording' | 'paused' | 'saving'

/** What the controller needs of the recorder it serves. */
export interface CaptureHost extends ReactiveControllerHost {
  /** Longest recording, in minutes. */
  maxMinutes: number
  /** Language of the speech, if known. */
  language?: string
  /** The title of a new recording. */
  newTitle(): string
  /** A recording was created (it is being recorded). */
  created(recording: Recording): void
  /** A recording's upload is complete: the recording as the server now has it. */
  completed(recording: Recording): void
  fail(error: unknown): void
}

/**
 * Recording from the microphone: permission and device choice, the chunked upload as it records
 * (five-second chunks, their count remembered so a closed tab can still be transcribed), pause and
 * resume, the elapsed time against the plan's limit, and the input level for the meter.
 */
export class CaptureController implements ReactiveController {
  state: Capture = 'idle'
  devices: MediaDeviceInfo[] = []
  deviceId = ''
  elapsed = 0
  level = 0
  /** Chunks the server has acknowledged. */
  saved = 0
  #session?: ChunkedRecording
  #ticker?: ReturnType<typeof setInterval>
  #meterFrame?: number
  #audioContext?: AudioContext

  constructor(private host: CaptureHost) {
    host.addController(this)
  }

  hostDisconnected() {
    this.#stopMeter()
    clearInterval(this.#ticker)
  }

  /** The recording being made, if any. */
  get recordingId() {
    return this.#session?.recordingId
  }

  get live() {
    return this.state === 'recording' || this.state === 'paused' || this.state === 'saving'
  }

  #set(
    patch: Partial<Pick<CaptureController, 'state' | 'devices' | 'elapsed' | 'level' | 'saved'>>
  ) {
    Object.assign(this, patch)
    this.host.requestUpdate()
  }

  chooseDevice(id: string) {
    this.deviceId = id
    this.host.requestUpdate()
  }

  async record() {
    if (!navigator.mediaDevices?.getUserMedia) {
      this.#set({ state: 'no-device' })
      return
    }
    this.#set({ state: 'asking' })
    let stream: MediaStream
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: this.deviceId ? { deviceId: { exact: this.deviceId } } : true,
      })
    } catch (error) {
      const name = (error as DOMException).name
      this.#set({
        state: name === 'NotFoundError' || name === 'OverconstrainedError' ? 'no-device' : 'denied',
      })
      return
    }
    // Labels are only known once permission is given.
    const all = await navigator.mediaDevices.enumerateDevices()
    this.#set({ devices: all.filter((d) => d.kind === 'audioinput') })
    const mimeType = recordingFormat()
    try {
      const created = await api().request<Recording>('/v1/recordings', {
        method: 'POST',
        body: {
          title: this.host.newTitle(),
          mimeType: mimeType || 'audio/webm',
          ...(this.host.language ? { language: this.host.language } : {}),
        },
      })
      this.host.created(created)
      const session = new ChunkedRecording(api(), created.id, stream, mimeType)
      this.#session = session
      session.addEventListener('chunk', () => {
        this.#set({ saved: session.acknowledged })
        // Remembered so that a recording cut short (a closed tab) can still be transcribed.
        localStore.set(chunksKey(created.id), String(this.saved))
      })
      session.start()
    } catch (error) {
      for (const track of stream.getTracks()) track.stop()
      this.#set({ state: 'idle' })
      this.host.fail(error)
      return
    }
    this.#set({ state: 'recording', elapsed: 0, saved: 0 })
    this.#startMeter(stream)
    this.#ticker = setInterval(() => {
      if (this.state !== 'recording') return
      this.#set({ elapsed: this.elapsed + 1 })
      if (this.elapsed >= this.host.maxMinutes * 60) void this.stop()
    }, 1000)
  }

  #startMeter(stream: MediaStream) {
    this.#audioContext = new AudioContext()
    const analyser = this.#audioContext.createAnalyser()
    analyser.fftSize = 1024
    this.#audioContext.createMediaStreamSource(stream).connect(analyser)
    const samples = new Float32Array(analyser.fftSize)
    const tick = () => {
      analyser.getFloatTimeDomainData(samples)
      let peak = 0
      for (const s of samples) peak = Math.max(peak, Math.abs(s))
      this.#set({ level: Math.min(1, peak * 1.5) })
      this.#meterFrame = requestAnimationFrame(tick)
    }
    tick()
  }

  #stopMeter() {
    if (this.#meterFrame) cancelAnimationFrame(this.#meterFrame)
    void this.#audioContext?.close().catch(() => {})
    this.#audioContext = undefined
    this.#set({ level: 0 })
  }

  /** Pauses a recording, or resumes a paused one. */
  pause() {
    if (this.state === 'recording') {
      this.#session?.pause()
      this.#set({ state: 'paused' })
    } else if (this.state === 'paused') {
      this.#session?.resume()
      this.#set({ state: 'recording' })
    }
  }

  /** Stops recording and completes the upload. */
  async stop() {
    const session = this.#session
    if (!session) return
    clearInterval(this.#ticker)
    this.#stopMeter()
    this.#set({ state: 'saving' })
    try {
      const completed = await session.stop()
      localStore.remove(chunksKey(session.recordingId))
      this.host.completed(completed)
    } catch (error) {
      this.host.fail(error)
    } finally {
      this.#session = undefined
      this.#set({ state: 'idle' })
    }
  }
}
