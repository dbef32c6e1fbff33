import { Transmit } from '@adonisjs/transmit-client'
import type { ApiClient } from '../api-client.js'

/** An event as the API sends it (API.md): `{ type, id, data }`, `id` monotonic per channel. */
export interface ParleyEvent<T = unknown> {
  type: string
  id: string
  data: T
}

type Handler = (event: ParleyEvent) => void
type Source = Pick<EventSource, 'addEventListener' | 'close'> & { readyState: number }

export interface RealtimeOptions {
  api: ApiClient
  /** Creates the EventSource (Node tests pass the `eventsource` package's). */
  eventSourceFactory?: (url: string) => Source
  /**
   * How long the connection stays open once no channel is subscribed (default 2 s): long enough
   * for a widget that is removed and added again (React StrictMode, a router's remount) to keep
   * it, short enough that a page without live widgets holds no stream.
   */
  idleCloseMs?: number
  /** Reconnect delays: full jitter up to min(maxDelayMs, baseDelayMs × 2^attempt). */
  baseDelayMs?: number
  maxDelayMs?: number
}

/** Stands in for the EventSource Transmit thinks it has; the real one is replaced on reconnect. */
class Relay extends EventTarget {
  readyState = 1
  close() {}
}

/** Orders two event ids (`<ms>-<seq>`). */
export function compareEventIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number)
  const [bm, bs] = b.split('-').map(Number)
  return am === bm ? as - bs : am - bm
}

interface Channel {
  handlers: Set<Handler>
  last?: string
  /** Live events held back until a catch-up is done, so order is kept and nothing is skipped. */
  held?: ParleyEvent[]
  catching?: boolean
}

/**
 * One realtime connection for the whole page, shared by every widget, over
 * @adonisjs/transmit-client. It never gives up while the page is open: on every drop it takes a
 * fresh single-use ticket for the same stream, reconnects with jittered backoff, lets Transmit
 * resubscribe, and asks GET /v1/events for what each channel missed; duplicates are dropped and
 * every handler sees each channel's events once, in order.
 */
export class RealtimeClient {
  readonly #api: ApiClient
  readonly #options: RealtimeOptions
  readonly #channels = new Map<string, Channel>()
  #transmit?: Transmit
  #stream?: string
  #source?: Source
  #relay = new Relay()
  #attempt = 0
  #closed = false
  #connecting?: Promise<void>
  #retry?: ReturnType<typeof setTimeout>
  #idle?: ReturnType<typeof setTimeout>
  /** Counts idle closes, so that a connection begun before one is not opened after it. */
  #generation = 0
  /** `connecting`, `open` or `reconnecting`; watch with `onStatus`. */
  status: 'idle' | 'connecting' | 'open' | 'reconnecting' = 'idle'
  readonly #statusListeners = new Set<(status: RealtimeClient['status']) => void>()

  constructor(options: RealtimeOptions) {
    this.#api = options.api
    this.#options = options
  }

  /** Receives `channel`'s events; `after` (an event id) first replays what came after it. */
  async subscribe(channel: string, handler: Handler, after?: string): Promise<() => Promise<void>> {
    clearTimeout(this.#idle)
    let entry = this.#channels.get(channel)
    if (!entry)
      this.#channels.set(
        channel,
        (entry = { handlers: new Set(), last: after, held: after ? [] : undefined })
      )
    entry.handlers.add(handler)
    await this.#ensureTransmit()
    const subscription = this.#transmit!.subscription(channel)
    if (subscription.handlerCount === 0)
      subscription.onMessage((event: ParleyEvent) => this.#accept(channel, event))
    await subscription.create()
    if (!subscription.isCreated) {
      entry.handlers.delete(handler)
      throw new Error(`Parley: subscription to ${channel} was refused`)
    }
    const transmit = this.#transmit
    return async () => {
      entry.handlers.delete(handler)
      if (entry.handlers.size === 0 && this.#channels.get(channel) === entry) {
        this.#channels.delete(channel)
        if (this.#channels.size === 0) this.#closeWhenIdle()
        if (transmit === this.#transmit) await subscription.delete()
      }
    }
  }

  onStatus(listener: (status: RealtimeClient['status']) => void) {
    this.#statusListeners.add(listener)
    return () => this.#statusListeners.delete(listener)
  }

  close() {
    this.#closed = true
    // A ticket still on its way must not open a stream for a closed client.
    this.#generation++
    clearTimeout(this.#retry)
    clearTimeout(this.#idle)
    this.#source?.close()
    this.#transmit?.close()
  }

  /** Closes the stream once no channel has been subscribed for a moment; a subscription reopens it. */
  #closeWhenIdle() {
    clearTimeout(this.#idle)
    this.#idle = setTimeout(() => {
      if (this.#channels.size > 0 || this.#closed) return
      this.#generation++
      clearTimeout(this.#retry)
      const source = this.#source
      this.#source = undefined
      source?.close()
      this.#transmit?.close()
      this.#transmit = undefined
      this.#connecting = undefined
      this.#stream = undefined
      this.#relay = new Relay()
      this.#setStatus('idle')
    }, this.#options.idleCloseMs ?? 2000)
  }

  #setStatus(status: RealtimeClient['status']) {
    if (status === this.status) return
    this.status = status
    for (const listener of this.#statusListeners) listener(status)
  }

  async #ensureTransmit() {
    if (this.#closed)
      throw new Error('Parley: this realtime client was closed (Parley.init again?)')
    if (this.#transmit) return
    await (this.#connecting ??= this.#openSource())
    if (this.#closed)
      throw new Error('Parley: this realtime client was closed (Parley.init again?)')
    const baseUrl = new URL(this.#api.baseUrl).origin
    const api = this.#api
    this.#transmit = new Transmit({
      baseUrl,
      uidGenerator: () => this.#stream!,
      // Transmit's own reconnects would reuse a spent ticket: the relay below stands in for the
      // EventSource and this client reconnects with a new ticket instead.
      eventSourceFactory: () => this.#relay as unknown as EventSource,
      maxReconnectAttempts: 0,
      // After every (re)subscription, ask for what the channel missed: never before, or events
      // published between the catch-up and the subscription would fall through the gap.
      onSubscription: (channel: string) => void this.#catchUp(channel),
      httpClientFactory: (base: string, uid: string) => ({
        createRequest: (path: string, body: Record<string, unknown>) =>
          new Request(`${base}${path}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ uid, ...body }),
            credentials: 'omit',
          }),
        send: async (request: Request) => {
          request.headers.set('Authorization', `Bearer ${await api.token()}`)
          return fetch(request)
        },
      }),
    } as unknown as ConstructorParameters<typeof Transmit>[0])
    if (this.status === 'open') this.#relay.dispatchEvent(new Event('open'))
  }

  /** Takes a ticket (for our stream id, once we have one) and opens the EventSource. */
  async #openSource() {
    this.#setStatus(this.#stream ? 'reconnecting' : 'connecting')
    const generation = this.#generation
    const ticket = await this.#api.request<{ url: string; stream: string }>('/v1/realtime/ticket', {
      method: 'POST',
      body: this.#stream ? { stream: this.#stream } : {},
    })
    // Closed for idleness while the ticket was on its way: the next subscription opens anew.
    if (generation !== this.#generation) return
    this.#stream = ticket.stream
    const source = (this.#options.eventSourceFactory ?? ((url) => new EventSource(url)))(ticket.url)
    this.#source = source
    source.addEventListener('open', () => {
      this.#attempt = 0
      this.#setStatus('open')
      this.#relay.dispatchEvent(new Event('open'))
    })
    source.addEventListener('message', (event) => {
      this.#relay.dispatchEvent(new MessageEvent('message', { data: (event as MessageEvent).data }))
    })
    source.addEventListener('error', () => {
      if (source !== this.#source) return
      source.close()
      // From here until each channel has caught up, live events wait in line.
      for (const entry of this.#channels.values()) entry.held ??= []
      this.#relay.dispatchEvent(new Event('error'))
      this.#scheduleReconnect()
    })
  }

  #scheduleReconnect() {
    if (this.#closed) return
    this.#setStatus('reconnecting')
    const base = this.#options.baseDelayMs ?? 500
    const max = this.#options.maxDelayMs ?? 30_000
    const delay = Math.random() * Math.min(max, base * 2 ** Math.min(this.#attempt++, 16))
    clearTimeout(this.#retry)
    this.#retry = setTimeout(() => {
      this.#connecting = this.#openSource().catch(() => this.#scheduleReconnect())
    }, delay)
  }

  /**
   * Fetches what `channel` missed after its last delivered event. Live events are held from the
   * moment the connection dropped (or a subscription with `after` began) until this is done,
   * so the cursor never jumps over a gap; a failed catch-up keeps holding and tries again.
   */
  async #catchUp(channel: string) {
    const entry = this.#channels.get(channel)
    if (!entry || entry.catching) return
    if (!entry.last) return this.#release(channel, entry)
    entry.catching = true
    entry.held ??= []
    try {
      let after: string | null = entry.last
      while (after) {
        const page: { data: ParleyEvent[]; nextCursor: string | null } = await this.#api.request(
          '/v1/events',
          {
            query: { stream: channel, after },
          }
        )
        for (const event of page.data) this.#deliver(channel, entry, event)
        after = page.nextCursor
      }
      entry.catching = false
      this.#release(channel, entry)
    } catch {
      entry.catching = false
      if (!this.#closed) setTimeout(() => void this.#catchUp(channel), 1000)
    }
  }

  #release(channel: string, entry: Channel) {
    const held = entry.held ?? []
    entry.held = undefined
    for (const event of held) this.#deliver(channel, entry, event)
  }

  #accept(channel: string, event: ParleyEvent) {
    const entry = this.#channels.get(channel)
    if (!entry) return
    if (entry.held) return void entry.held.push(event)
    this.#deliver(channel, entry, event)
  }

  #deliver(_channel: string, entry: Channel, event: ParleyEvent) {
    if (entry.last && compareEventIds(event.id, entry.last) <= 0) return
    entry.last = event.id
    for (const handler of entry.handlers) {
      try {
        handler(event)
      } catch (error) {
        console.error(error)
      }
    }
  }
}
