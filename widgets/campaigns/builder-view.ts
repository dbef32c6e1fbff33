import { html, nothing } from 'lit'
import type { ParleyElement } from '../kit/parley-element.js'
import type { MessageKey } from '../kit/localize.js'
import type { AudienceCountController } from './audience-count-controller.js'
import type { ScheduleClockController } from './schedule-clock-controller.js'
import type { CampaignDraft, RuleGroup, Segment, SendingNumber, Step } from './campaign-model.js'

/** The builder's steps, in order. */
export const STEPS = ['audience', 'message', 'schedule', 'review'] as const

/**
 * What the campaign builder's steps render from and act through: its state (read-only here) and
 * the few ways of changing it. The builder makes one; each step is a render module given it.
 */
export interface BuilderView {
  /** The builder element: its locale, its light DOM (where the steps render) and update cycle. */
  readonly host: ParleyElement
  readonly draft: CampaignDraft
  /** The step shown (an index of STEPS). */
  readonly step: number
  /** Problems by the API's field names (the server's 422 details, or the builder's own checks). */
  readonly errors: Record<string, string>
  /** Where the audience comes from, as chosen. */
  readonly source: 'rules' | 'segment'
  readonly segments: Segment[]
  /** "Later" is chosen for when to send. */
  readonly later: boolean
  /** The contact the message preview is rendered for. */
  readonly previewContact: string
  /** The message as the server rendered it for that contact, once asked. */
  readonly rendered?: { steps: { body: string }[] }
  /** The workspace's WhatsApp numbers (undefined: not known, or not readable with this session). */
  readonly numbers?: SendingNumber[]
  /** Saving or launching. */
  readonly busy: boolean
  readonly audienceCount: AudienceCountController
  readonly clock: ScheduleClockController
  /** The message field the variables go into, and where its caret was. */
  caret?: { step: number; variant: number; start: number; end: number }
  t(key: MessageKey, params?: Record<string, string | number>): string
  /** Changes the draft (and recounts the audience when who or where changed). */
  patch(patch: Partial<CampaignDraft>): void
  setSource(source: 'rules' | 'segment'): void
  setLater(later: boolean): void
  setPreviewContact(id: string): void
  /** Goes to a step if every step before it is complete; otherwise to the first one that is not. */
  go(step: number): void
  /** Renders the message for the preview's contact (after saving). */
  renderFor(): void
  /** The audience's rules: its own, or its segment's. */
  rules(): RuleGroup | undefined
  /** How many a list of contacts holds (deduplicated, as the server stores it); else undefined. */
  listed(): number | undefined
  /** Who the campaign reaches now: the list's size, or the live count. */
  reach(): number | undefined
}

/** The problem at a field, said next to it (and named by its aria-describedby). */
export function fieldError(view: BuilderView, field: string) {
  const text = view.errors[field]
  return text ? html`<p class="field-error" id=${`err-${field}`} role="alert">${text}</p>` : nothing
}

/** The aria-invalid of a field. */
export function invalid(view: BuilderView, field: string) {
  return view.errors[field] ? 'true' : 'false'
}

/** Replaces one step of the message. */
export function setStep(view: BuilderView, i: number, step: Step) {
  const steps = [...view.draft.steps]
  steps[i] = step
  view.patch({ steps })
}

export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T
export const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
