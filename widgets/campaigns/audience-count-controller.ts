import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { api } from '../kit/runtime.js'
import { isGroup, type Channel, type Preview, type Rule, type RuleGroup } from './campaign-model.js'

/** Rules whose value is still to be filled in (the server would refuse them). */
export function missingValues(group: RuleGroup, base = 'audience.rules'): string[] {
  return group.rules.flatMap((node, i) => {
    const at = `${base}.rules.${i}`
    if (isGroup(node)) return missingValues(node, at)
    const r = node as Rule
    const empty =
      'value' in r && (r.value === '' || (typeof r.value === 'number' && Number.isNaN(r.value)))
    const noKey = r.field === 'attributes.'
    return [...(empty ? [`${at}.value`] : []), ...(noKey ? [`${at}.field`] : [])]
  })
}

/** What the count needs of the builder: the audience's rules and channel, and where it reports. */
export interface AudienceCountOptions {
  /** The rules to count (a segment's, once the segments are known); undefined: none yet. */
  rules(): RuleGroup | undefined
  channel(): Channel
  /** A count came back. */
  counted(preview: Preview): void
  /** A count failed (not one dropped for a newer one). */
  failed(error: unknown): void
}

/**
 * The audience's live count (POST /v1/segments/preview): debounced while rules are typed, the
 * first one at once, an older request in flight dropped for a newer one. `counting` holds from
 * the change to the answer, so that every place showing the count can say so (and be aria-busy).
 */
export class AudienceCountController implements ReactiveController {
  /** The last count, with who is left out and a sample of contacts. */
  preview?: Preview
  /** A count is waiting out the typing pause or on its way. */
  counting = false
  #timer?: ReturnType<typeof setTimeout>
  #abort?: AbortController

  constructor(
    private host: ReactiveControllerHost,
    private options: AudienceCountOptions
  ) {
    host.addController(this)
  }

  hostDisconnected() {
    clearTimeout(this.#timer)
    this.#abort?.abort()
  }

  /**
   * The live count, `wait` ms after the last change (the first one at once: nothing is being
   * typed); an older request in flight is dropped. `counting` holds from the change to the answer.
   */
  count(wait = 400) {
    clearTimeout(this.#timer)
    const rules = this.options.rules()
    if (!rules || missingValues(rules).length) {
      this.#abort?.abort()
      this.#setCounting(false)
      return
    }
    this.#setCounting(true)
    this.#timer = setTimeout(async () => {
      this.#abort?.abort()
      const abort = (this.#abort = new AbortController())
      try {
        this.preview = await api().request<Preview>('/v1/segments/preview', {
          method: 'POST',
          body: { rules, channel: this.options.channel() },
          signal: abort.signal,
        })
        this.host.requestUpdate()
        this.options.counted(this.preview)
      } catch (error) {
        if (!abort.signal.aborted) this.options.failed(error)
      } finally {
        if (this.#abort === abort) this.#setCounting(false)
      }
    }, wait)
  }

  #setCounting(counting: boolean) {
    if (this.counting === counting) return
    this.counting = counting
    this.host.requestUpdate()
  }
}
