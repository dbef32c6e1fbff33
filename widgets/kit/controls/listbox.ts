import { html, nothing } from 'lit'
import { ifDefined } from 'lit/directives/if-defined.js'
import '../primitives/avatar.js'
import type { MessageKey } from '../localize.js'

export const PRESENCES = ['online', 'away', 'offline'] as const
export type Presence = (typeof PRESENCES)[number]

/** One choice of a select or a combobox. */
export interface ListOption {
  value: string
  label: string
  disabled?: boolean
  /** A second, quieter line (an email, a role). */
  description?: string
  /** Options with the same group are shown under it, in the order the groups first appear. */
  group?: string
  /** A person's picture; an empty string shows their initials. */
  avatar?: string
  /** A dot on the avatar, also said to screen readers. */
  presence?: Presence
}

/** The data attributes an `<option>` child may carry. */
export const OPTION_DATA = ['data-description', 'data-avatar', 'data-presence']

/**
 * Options written as a native select's children: `<option value="a" data-description="…"
 * data-avatar="…" data-presence="online">Ana</option>`, optionally inside `<optgroup label>`.
 */
export function optionsFromChildren(host: Element): { options: ListOption[]; selected?: string } {
  const options: ListOption[] = []
  let selected: string | undefined
  for (const element of host.querySelectorAll(':scope > option, :scope > optgroup > option')) {
    const option = element as HTMLOptionElement
    const group = option.parentElement as HTMLOptGroupElement
    const presence = option.dataset.presence as Presence | undefined
    options.push({
      value: option.value,
      label: option.label || option.text.trim(),
      disabled: option.disabled || (group.localName === 'optgroup' && group.disabled),
      description: option.dataset.description,
      group: group.localName === 'optgroup' ? group.label : undefined,
      avatar: option.dataset.avatar,
      presence: PRESENCES.includes(presence!) ? presence : undefined,
    })
    if (option.hasAttribute('selected')) selected ??= option.value
  }
  return { options, selected }
}

/** Lower case without accents, so "jose" finds "José". */
export function fold(text: string) {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase()
}

/** The enabled option `delta` steps from `from` (clamped, or wrapping round), or `from`. */
export function step(options: ListOption[], from: number, delta: number, wrap = false): number {
  const enabled = options.flatMap((o, i) => (o.disabled ? [] : [i]))
  if (!enabled.length) return -1
  if (from < 0) return delta < 0 ? enabled.at(-1)! : enabled[0]
  // Where `from` is among the enabled (a disabled `from` counts as just before the next one).
  let at = enabled.findIndex((i) => i >= from)
  if (at === -1) at = enabled.length
  else if (enabled[at] !== from && delta > 0) at -= 1
  let next = at + delta
  if (wrap) next = ((next % enabled.length) + enabled.length) % enabled.length
  return enabled[Math.max(0, Math.min(enabled.length - 1, next))]
}

/** The first or last enabled option. */
export function edge(options: ListOption[], which: 'first' | 'last'): number {
  return step(options, -1, which === 'first' ? 1 : -1)
}

/**
 * Type-to-find (WAI-ARIA APG): characters typed within half a second make one search string;
 * the same letter pressed again cycles through the options that start with it.
 */
export class Typeahead {
  #buffer = ''
  #timer?: ReturnType<typeof setTimeout>

  /** Whether a search is under way (Space then extends it instead of choosing). */
  get active() {
    return this.#buffer.length > 0
  }

  /** The index matching the search with `key` added, starting after `from`; -1 for none. */
  match(labels: { label: string; disabled?: boolean }[], key: string, from: number): number {
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => (this.#buffer = ''), 500)
    this.#buffer += fold(key)
    const repeated = [...this.#buffer].every((c) => c === this.#buffer[0])
    const search = repeated ? this.#buffer[0] : this.#buffer
    // A fresh or repeated letter looks past the current option; a longer string includes it.
    const start = repeated ? from + 1 : Math.max(from, 0)
    const count = labels.length
    for (let k = 0; k < count; k++) {
      const i = (start + k) % count
      if (!labels[i].disabled && fold(labels[i].label).startsWith(search)) return i
    }
    return -1
  }

  reset() {
    clearTimeout(this.#timer)
    this.#buffer = ''
  }
}

/** Whether a key press types a character (for typeahead), not a shortcut. */
export function isPrintable(event: KeyboardEvent) {
  return event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey
}

/** Options in the order they are shown, with the group each one starts, if any. */
export function grouped(
  options: ListOption[]
): { group?: string; items: [ListOption, number][] }[] {
  const groups = new Map<string | undefined, [ListOption, number][]>()
  options.forEach((option, i) => {
    const list = groups.get(option.group) ?? []
    list.push([option, i])
    groups.set(option.group, list)
  })
  return [...groups].map(([group, items]) => ({ group, items }))
}

const PRESENCE_KEYS: Record<Presence, MessageKey> = {
  online: 'controls.presence.online',
  away: 'controls.presence.away',
  offline: 'controls.presence.offline',
}

/** A person's avatar with their presence dot (an option's, or the chosen one in a field). */
export function personPicture(option: ListOption) {
  return html`<span part="avatar" class="person">
    <parley-avatar
      size="sm"
      name=${option.label}
      src=${ifDefined(option.avatar || undefined)}
      aria-hidden="true"
    ></parley-avatar>
    ${
      option.presence
        ? html`<span part="presence" class="presence" data-presence=${option.presence}></span>`
        : nothing
    }
  </span>`
}

/**
 * An option's content: avatar with its presence dot (when it has either), label, description,
 * and the presence in words for screen readers ("Ana Lima, Online").
 */
export function optionContent(option: ListOption, t: (key: MessageKey) => string) {
  const person = option.avatar !== undefined || option.presence
  return html`${person ? personPicture(option) : nothing}
    <span class="text">
      <span class="label">${option.label}</span>
      ${
        option.description
          ? html`<span part="description" class="description">${option.description}</span>`
          : nothing
      }
    </span>
    ${
      option.presence
        ? html`<span class="visually-hidden">, ${t(PRESENCE_KEYS[option.presence])}</span>`
        : nothing
    }`
}
