import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { scheduleInstant, type CampaignDraft } from './campaign-model.js'

/**
 * The clock of a scheduled send: the instant the schedule means in its time zone (the server's
 * reading), whether it has come and gone (the server would refuse to launch it), and a timer that
 * redraws the builder the moment it passes, since the page may stay open across it.
 */
export class ScheduleClockController implements ReactiveController {
  #timer?: ReturnType<typeof setTimeout>
  /** The instant the timer is set for (undefined: none). */
  #watched?: number

  constructor(
    private host: ReactiveControllerHost,
    private schedule: () => CampaignDraft['schedule']
  ) {
    host.addController(this)
  }

  /** The instant the schedule means in its time zone, if one is set. */
  get sendAt(): number | undefined {
    const s = this.schedule()
    return s?.sendAt ? scheduleInstant(s.sendAt, s.timezone) : undefined
  }

  /** Whether the scheduled time has come and gone. */
  get passed() {
    const at = this.sendAt
    return at !== undefined && at <= Date.now()
  }

  /** After each update: a time set or changed gets its timer. */
  hostUpdated() {
    if (this.sendAt !== this.#watched) this.#watch()
  }

  hostDisconnected() {
    clearTimeout(this.#timer)
    this.#watched = undefined
  }

  /** Redraws when the scheduled time passes. */
  #watch() {
    clearTimeout(this.#timer)
    const at = (this.#watched = this.sendAt)
    if (at === undefined || at <= Date.now()) return
    this.#timer = setTimeout(
      () => {
        this.host.requestUpdate()
        this.#watch()
      },
      Math.min(at - Date.now() + 1, 2 ** 31 - 1)
    )
  }
}
