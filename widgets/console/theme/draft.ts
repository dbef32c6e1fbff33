import schema from '../../../themes/schema.json'
import { contrastRatio, AA_NORMAL_TEXT } from '../../../themes/contrast.js'
import {
  CONTRAST_PAIRS,
  resolveTokens,
  type ColorRole,
  type ThemeInput,
  type ThemeTokens,
} from '../../../themes/tokens.js'

/**
 * The theme being edited: a partial token set (what the partner chose; the rest Parley derives,
 * as the server will), with the operations the editor needs on it.
 */

export type Scheme = 'light' | 'dark'

/** A token's place in the set, dotted: `color.light.primary`, `radius.md`, `elevation.1`. */
export type TokenPath = string

export function getToken(tokens: unknown, path: TokenPath): unknown {
  let node = tokens
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return node
}

/** A copy of `tokens` with `path` set to `value` (removed when undefined; empty groups go too). */
export function setToken(tokens: ThemeInput, path: TokenPath, value: unknown): ThemeInput {
  const keys = path.split('.')
  const write = (
    node: Record<string, unknown> | undefined,
    depth: number
  ): Record<string, unknown> | undefined => {
    const copy: Record<string, unknown> = { ...node }
    const key = keys[depth]
    if (depth === keys.length - 1) {
      if (value === undefined) delete copy[key]
      else copy[key] = value
    } else {
      const child = write(copy[key] as Record<string, unknown> | undefined, depth + 1)
      if (child === undefined) delete copy[key]
      else copy[key] = child
    }
    return Object.keys(copy).length ? copy : undefined
  }
  return (write(tokens as Record<string, unknown>, 0) ?? {}) as ThemeInput
}

/** The schema's patterns, so a bad value is caught as it is typed (the server checks again). */
const defs = schema.$defs
export const PATTERNS = {
  color: new RegExp(defs.color.pattern),
  length: new RegExp(defs.length.pattern),
  fontFamily: new RegExp(defs.fontFamily.pattern),
  shadow: new RegExp(defs.shadow.pattern),
  duration: new RegExp(defs.duration.pattern),
  easing: new RegExp(schema.properties.motion.properties.easing.pattern),
} as const
export type PatternKind = keyof typeof PATTERNS

export interface ContrastProblem {
  scheme: Scheme
  text: ColorRole
  background: ColorRole
  ratio: number
}

/**
 * Text/background pairs below WCAG AA (4.5:1) in both schemes of the resolved tokens: the editor
 * shows light and dark side by side, so it warns for both whatever colorScheme says.
 */
export function contrastProblems(tokens: ThemeTokens): ContrastProblem[] {
  const problems: ContrastProblem[] = []
  for (const scheme of ['light', 'dark'] as const)
    for (const [text, background] of CONTRAST_PAIRS) {
      const ratio = contrastRatio(tokens.color[scheme][text], tokens.color[scheme][background])
      if (ratio < AA_NORMAL_TEXT) problems.push({ scheme, text, background, ratio })
    }
  return problems
}

export { resolveTokens }

/**
 * Undo and redo over whole drafts. Edits to the same token in quick succession (typing a hex
 * value, dragging a picker) are one step, so undo goes back to before the edit, not one
 * keystroke.
 */
export class DraftHistory {
  #past: ThemeInput[] = []
  #future: ThemeInput[] = []
  #last?: { path: string; at: number }

  constructor(
    public current: ThemeInput,
    private readonly mergeWithinMs = 1000
  ) {}

  get canUndo() {
    return this.#past.length > 0
  }
  get canRedo() {
    return this.#future.length > 0
  }

  /** Records `next` as the current draft; `path` names the token edited (undefined: a whole change). */
  record(next: ThemeInput, path?: string, now = Date.now()) {
    const merge =
      path !== undefined &&
      this.#last?.path === path &&
      now - this.#last.at < this.mergeWithinMs &&
      this.#past.length > 0
    if (!merge) this.#past.push(this.current)
    this.#future = []
    this.current = next
    this.#last = path === undefined ? undefined : { path, at: now }
  }

  undo() {
    const previous = this.#past.pop()
    if (!previous) return this.current
    this.#future.push(this.current)
    this.current = previous
    this.#last = undefined
    return previous
  }

  redo() {
    const next = this.#future.pop()
    if (!next) return this.current
    this.#past.push(this.current)
    this.current = next
    this.#last = undefined
    return next
  }
}
