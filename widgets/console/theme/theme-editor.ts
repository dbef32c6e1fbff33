import { html, css, nothing, type TemplateResult } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles } from '../console-element.js'
import { baseStyles } from '../../kit/styles.js'
import { applyThemeCss } from '../../kit/theme.js'
import type { MessageKey } from '../../kit/localize.js'
import { compileTheme } from '../../../themes/compile.js'
import { PRESETS } from '../../../themes/presets.js'
import {
  COLOR_ROLES,
  DENSITIES,
  ELEVATIONS,
  FONT_SIZES,
  RADII,
  type ColorRole,
  type ThemeInput,
  type ThemeTokens,
} from '../../../themes/tokens.js'
import { ConsoleApiError, consoleApi, type ProblemDetail } from '../api.js'
import {
  DraftHistory,
  PATTERNS,
  contrastProblems,
  getToken,
  resolveTokens,
  setToken,
  type ContrastProblem,
  type PatternKind,
  type Scheme,
} from './draft.js'
import './theme-preview.js'

/** Roles that may be edited per scheme; roles the UI names through `console.theme.role.*`. */
const SCHEMES = ['light', 'dark'] as const
const WEIGHTS = [100, 200, 300, 400, 500, 600, 700, 800, 900]

const INVALID: Record<PatternKind, MessageKey> = {
  color: 'console.theme.invalidHex',
  length: 'console.theme.invalidLength',
  duration: 'console.theme.invalidDuration',
  fontFamily: 'console.theme.invalidFont',
  shadow: 'console.theme.invalidShadow',
  easing: 'console.theme.invalidEasing',
}

/** Keys sorted, so two drafts with the same tokens compare equal whatever the order they were set in. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v
  )

/** `#rgb`, `#rgba`, `#rrggbbaa` → the `#rrggbb` a native colour input accepts. */
const sixDigits = (hex: string) => {
  const value = hex.replace('#', '')
  const full =
    value.length <= 4 ? [...value.slice(0, 3)].map((c) => c + c).join('') : value.slice(0, 6)
  return `#${full.toLowerCase()}`
}
const alphaSuffix = (hex: string) => {
  const value = hex.replace('#', '')
  if (value.length === 8) return value.slice(6)
  if (value.length === 4) return value[3] + value[3]
  return ''
}

/**
 * The theme editor: every token of the schema, presets, contrast warnings as you type, light and
 * dark previews of the real widgets, undo/redo, publish (PUT /v1/theme). The draft holds only what
 * the partner set; Parley derives the rest (themes/derive.ts) here exactly as on the server.
 */
@customElement('console-theme-editor')
export class ConsoleThemeEditor extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    css`
      :host {
        display: grid;
        gap: var(--parley-space-4, 16px);
      }
      .top {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--parley-space-3, 12px);
        justify-content: space-between;
      }
      .top .intro {
        display: grid;
        gap: var(--parley-space-1, 4px);
        max-width: 70ch;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-2, 8px);
        align-items: center;
      }
      .status {
        font-size: var(--parley-font-size-sm, 13px);
        color: var(--parley-color-on-surface-muted);
      }
      .buttons {
        display: flex;
        gap: var(--parley-space-2, 8px);
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 460px) minmax(0, 1fr);
        gap: var(--parley-space-4, 16px);
        align-items: start;
      }
      .preview {
        position: sticky;
        top: 72px;
      }
      .tokens {
        display: grid;
        gap: var(--parley-space-4, 16px);
      }
      section.card {
        display: grid;
        gap: var(--parley-space-3, 12px);
        padding: var(--parley-space-4, 16px);
      }
      .row {
        display: grid;
        gap: var(--parley-space-1, 4px);
      }
      .inline {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-2, 8px);
        align-items: end;
      }
      .inline > * {
        flex: 1 1 140px;
      }
      .grid2 {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(120px, 1fr));
        gap: var(--parley-space-3, 12px);
      }
      table {
        border-collapse: collapse;
        width: 100%;
        table-layout: fixed;
      }
      thead th:first-child {
        width: 76px;
      }
      th {
        text-align: start;
        font-size: var(--parley-font-size-sm, 13px);
        font-weight: var(--parley-font-weight-strong, 600);
        padding: var(--parley-space-1, 4px) 0;
        vertical-align: top;
      }
      thead th {
        color: var(--parley-color-on-surface-muted);
      }
      td {
        padding: var(--parley-space-1, 4px) 0 var(--parley-space-2, 8px) var(--parley-space-2, 8px);
        vertical-align: top;
      }
      .color {
        display: flex;
        gap: var(--parley-space-1, 4px);
        align-items: center;
      }
      .color input[type='color'] {
        inline-size: 36px;
        block-size: 36px;
        padding: 2px;
        border: 1px solid var(--parley-color-border);
        border-radius: var(--parley-radius-sm, 4px);
        background: var(--parley-color-surface);
        flex: none;
        cursor: pointer;
      }
      .color input.hex {
        inline-size: 100%;
        flex: 1;
        min-width: 0;
        font-family: var(--parley-font-family-mono, monospace);
        font-size: 12px;
        padding: 0 5px;
      }
      .color input.hex.derived {
        font-style: italic !important;
      }
      .clear,
      .clear-slot {
        min-height: 36px;
        width: 26px;
        padding: 0;
        flex: none;
      }
      th[scope='row'] {
        width: 76px;
        padding-inline-end: var(--parley-space-1, 4px);
      }
      .scheme-tag {
        display: none;
        font-size: var(--parley-font-size-xs, 11px);
        color: var(--parley-color-on-surface-muted);
      }
      .tokens {
        container-type: inline-size;
      }
      /* Narrow: each role's light and dark fields one under the other, each with its scheme named. */
      @container (max-width: 420px) {
        table,
        tbody,
        tr,
        th,
        td {
          display: block;
          width: auto;
        }
        thead {
          display: none;
        }
        tr {
          padding-block: var(--parley-space-1, 4px);
          border-top: 1px solid var(--parley-color-border);
        }
        td {
          padding: var(--parley-space-1, 4px) 0 0;
        }
        .scheme-tag {
          display: block;
        }
      }
      .warning {
        display: block;
        margin-top: var(--parley-space-1, 4px);
        font-size: var(--parley-font-size-xs, 11px);
        color: var(--parley-color-on-surface);
        border-inline-start: 3px solid var(--parley-color-warning, #f2b233);
        padding-inline-start: var(--parley-space-1, 4px);
      }
      .error {
        font-size: var(--parley-font-size-xs, 11px);
      }
      .summary.bad {
        border-inline-start: 4px solid var(--parley-color-warning, #f2b233);
        padding-inline-start: var(--parley-space-2, 8px);
      }
      @media (max-width: 1100px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
        .preview {
          position: static;
        }
      }
    `,
  ]

  /** The signed-in user's role: `support` reads only. */
  @property({ attribute: false }) userRole?: string
  @state() private draft: ThemeInput = {}
  @state() private published: ThemeInput = {}
  /** Text typed into a field that is not a valid value yet (the draft keeps the last valid one). */
  @state() private raw: Record<string, string> = {}
  @state() private serverProblems: ProblemDetail[] = []
  @state() private message?: { kind: 'ok' | 'error'; text: string }
  @state() private busy = false
  @state() private preset = ''

  #history = new DraftHistory({})
  #resolved: ThemeTokens = resolveTokens({})

  connectedCallback() {
    super.connectedCallback()
    document.addEventListener('keydown', this.#shortcut)
    void this.load()
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    document.removeEventListener('keydown', this.#shortcut)
  }

  /** GET /v1/theme into the draft (the defaults when it cannot be read). */
  async load() {
    try {
      const { theme } = await consoleApi.theme()
      this.#reset((theme?.tokens ?? {}) as ThemeInput)
    } catch (error) {
      this.#reset({})
      this.message = {
        kind: 'error',
        text: this.t('console.theme.loadFailed', { message: (error as Error).message }),
      }
    }
  }

  #reset(tokens: ThemeInput) {
    this.published = tokens
    this.#history = new DraftHistory(tokens)
    this.#setDraft(tokens)
  }

  willUpdate() {
    this.#resolved = resolveTokens(this.draft)
  }

  #setDraft(next: ThemeInput) {
    this.draft = next
    // The preview's widgets adopt the kit's theme sheet: the draft restyles them at once.
    applyThemeCss(compileTheme(next))
  }

  /** Sets one token (undefined clears it) as an undoable step. */
  edit(path: string, value: unknown) {
    const next = setToken(this.draft, path, value)
    this.#history.record(next, path)
    this.message = undefined
    this.#setDraft(next)
  }

  undo() {
    this.raw = {}
    this.#setDraft(this.#history.undo())
  }

  redo() {
    this.raw = {}
    this.#setDraft(this.#history.redo())
  }

  get dirty() {
    return canonical(this.draft) !== canonical(this.published)
  }

  get readOnly() {
    return this.userRole === 'support'
  }

  async publish() {
    if (Object.keys(this.raw).length) {
      this.message = { kind: 'error', text: this.t('console.theme.invalid') }
      return
    }
    this.busy = true
    this.message = undefined
    this.serverProblems = []
    try {
      const { theme } = await consoleApi.publishTheme(this.draft)
      this.published = (theme?.tokens ?? this.draft) as ThemeInput
      this.message = { kind: 'ok', text: this.t('console.theme.published') }
    } catch (error) {
      if (error instanceof ConsoleApiError && error.status === 403)
        this.message = { kind: 'error', text: this.t('console.theme.forbidden') }
      else {
        if (error instanceof ConsoleApiError) this.serverProblems = error.details
        this.message = {
          kind: 'error',
          text: this.t('console.theme.publishFailed', { message: (error as Error).message }),
        }
      }
    } finally {
      this.busy = false
    }
  }

  #shortcut = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return
    // Text fields keep their own undo.
    const target = event.composedPath()[0] as HTMLElement
    if (target instanceof HTMLInputElement && target.type !== 'color') return
    const key = event.key.toLowerCase()
    if (key === 'z' && !event.shiftKey && this.#history.canUndo) {
      event.preventDefault()
      this.undo()
    } else if (((key === 'z' && event.shiftKey) || key === 'y') && this.#history.canRedo) {
      event.preventDefault()
      this.redo()
    }
  }

  render() {
    const problems = contrastProblems(this.#resolved)
    return html`
      <div class="top" part="base">
        <div class="intro">
          <h1>${this.t('console.theme.title')}</h1>
          <p class="hint">${this.t('console.theme.intro')}</p>
        </div>
        <div class="actions">
          <span class="status" role="status">
            ${this.dirty ? this.t('console.theme.unpublished') : this.t('console.theme.upToDate')}
          </span>
          <span class="buttons">
            <button
              class="button"
              id="undo"
              ?disabled=${!this.#history.canUndo}
              @click=${() => this.undo()}
            >
              ${this.t('console.theme.undo')}
            </button>
            <button
              class="button"
              id="redo"
              ?disabled=${!this.#history.canRedo}
              @click=${() => this.redo()}
            >
              ${this.t('console.theme.redo')}
            </button>
            <button
              class="button primary"
              id="publish"
              ?disabled=${this.busy || this.readOnly}
              @click=${() => this.publish()}
            >
              ${this.busy ? this.t('console.theme.publishing') : this.t('console.theme.publish')}
            </button>
          </span>
        </div>
      </div>
      ${
        this.message
          ? html`<p
              class="alert ${this.message.kind}"
              role=${this.message.kind === 'ok' ? 'status' : 'alert'}
              id="message"
            >
              ${this.message.text}
            </p>`
          : nothing
      }
      ${
        this.serverProblems.length
          ? html`<ul class="error">
              ${this.serverProblems.map((p) => html`<li>${p.field ? `${p.field}: ` : ''}${p.message}</li>`)}
            </ul>`
          : nothing
      }
      <div class="layout">
        <div class="tokens">
          ${this.#presets()} ${this.#colors(problems)} ${this.#typography()} ${this.#shape()}
          ${this.#motion()}
          <p class="hint">${this.t('console.theme.shortcuts')}</p>
        </div>
        <section class="preview card" aria-labelledby="preview-title">
          <h2 id="preview-title">${this.t('console.theme.preview')}</h2>
          <console-theme-preview></console-theme-preview>
        </section>
      </div>
    `
  }

  #presets() {
    const scheme = (this.draft.colorScheme as string) ?? 'auto'
    return html`<section class="card" aria-labelledby="presets-title">
      <h2 id="presets-title">${this.t('console.theme.presets')}</h2>
      <div class="inline">
        <div class="row">
          <label for="preset">${this.t('console.theme.preset')}</label>
          <select
            id="preset"
            ?disabled=${this.readOnly}
            @change=${(e: Event) => (this.preset = (e.target as HTMLSelectElement).value)}
          >
            <option value="" ?selected=${!this.preset}>—</option>
            ${Object.keys(PRESETS).map(
              (name) =>
                html`<option value=${name} ?selected=${this.preset === name}>${name}</option>`
            )}
          </select>
        </div>
        <button
          class="button"
          id="apply-preset"
          ?disabled=${!this.preset || this.readOnly}
          @click=${this.#applyPreset}
        >
          ${this.t('console.theme.applyPreset')}
        </button>
      </div>
      <div class="row">
        <label for="colorScheme">${this.t('console.theme.scheme')}</label>
        <select
          id="colorScheme"
          ?disabled=${this.readOnly}
          @change=${(e: Event) => this.edit('colorScheme', (e.target as HTMLSelectElement).value)}
        >
          ${(['auto', 'light', 'dark'] as const).map(
            (value) =>
              html`<option value=${value} ?selected=${scheme === value}>
                ${this.t(`console.theme.scheme${value[0].toUpperCase()}${value.slice(1)}` as MessageKey)}
              </option>`
          )}
        </select>
      </div>
    </section>`
  }

  #applyPreset = () => {
    const preset = PRESETS[this.preset]
    if (!preset) return
    const next = structuredClone(preset)
    this.#history.record(next)
    this.raw = {}
    this.message = undefined
    this.#setDraft(next)
  }

  #colors(problems: ContrastProblem[]) {
    const summary = problems.length
      ? problems.length === 1
        ? this.t('console.theme.contrastSummaryOne')
        : this.t('console.theme.contrastSummary', { count: problems.length })
      : this.t('console.theme.contrastOk')
    return html`<section class="card" aria-labelledby="colors-title">
      <h2 id="colors-title">${this.t('console.theme.colors')}</h2>
      <p
        class="summary hint ${problems.length ? 'bad' : ''}"
        id="contrast-summary"
        aria-live="polite"
      >
        ${summary}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">
              <span class="visually-hidden">${this.t('console.theme.editor')}</span>
            </th>
            <th scope="col">${this.t('console.theme.light')}</th>
            <th scope="col">${this.t('console.theme.dark')}</th>
          </tr>
        </thead>
        <tbody>
          ${COLOR_ROLES.map(
            (role) =>
              html`<tr>
                <th scope="row">${this.#roleName(role)}</th>
                ${SCHEMES.map(
                  (scheme) =>
                    html`<td>
                      ${this.#colorField(
                        scheme,
                        role,
                        problems.filter((p) => p.scheme === scheme && p.text === role)
                      )}
                    </td>`
                )}
              </tr>`
          )}
        </tbody>
      </table>
    </section>`
  }

  #roleName(role: ColorRole) {
    return this.t(`console.theme.role.${role}` as MessageKey)
  }

  #colorField(scheme: Scheme, role: ColorRole, problems: ContrastProblem[]) {
    const path = `color.${scheme}.${role}`
    const own = getToken(this.draft, path) as string | undefined
    const shown = this.#resolved.color[scheme][role]
    const raw = this.raw[path]
    const invalid = raw !== undefined
    const name = `${this.#roleName(role)} (${this.t(scheme === 'light' ? 'console.theme.light' : 'console.theme.dark')})`
    const describedBy = [
      invalid ? `${path}-error` : '',
      problems.length ? `${path}-warning` : '',
      own ? '' : `${path}-derived`,
    ]
      .filter(Boolean)
      .join(' ')
    return html`<span class="scheme-tag" aria-hidden="true">
        ${this.t(scheme === 'light' ? 'console.theme.light' : 'console.theme.dark')}
      </span>
      <div class="color">
        <input
          type="color"
          data-token=${path}
          .value=${sixDigits(shown)}
          aria-label=${this.t('console.theme.picker', { token: name })}
          ?disabled=${this.readOnly}
          @input=${(e: Event) => this.#pick(path, (e.target as HTMLInputElement).value, own ?? shown)}
        />
        <input
          class="hex ${own ? '' : 'derived'}"
          data-token=${path}
          spellcheck="false"
          autocomplete="off"
          maxlength="9"
          .value=${raw ?? own ?? ''}
          placeholder=${shown}
          aria-label=${this.t('console.theme.hex', { token: name })}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${describedBy || nothing}
          ?readonly=${this.readOnly}
          @input=${(e: Event) => this.#typed(path, (e.target as HTMLInputElement).value, 'color')}
        />
        ${
          own && !this.readOnly
            ? html`<button
                class="button clear"
                type="button"
                data-clear=${path}
                aria-label=${this.t('console.theme.resetLabel', { token: name })}
                title=${this.t('console.theme.resetLabel', { token: name })}
                @click=${() => this.#clear(path)}
              >
                ×
              </button>`
            : html`<span class="clear-slot" aria-hidden="true"></span>`
        }
      </div>
      ${own ? nothing : html`<span class="visually-hidden" id="${path}-derived">${this.t('console.theme.derivedHint')}</span>`}
      ${invalid ? html`<span class="error" id="${path}-error">${this.t('console.theme.invalidHex')}</span>` : nothing}
      ${
        problems.length
          ? html`<span class="warning" id="${path}-warning" data-warning=${path}>
              ${problems.map((p) =>
                this.t('console.theme.contrast', {
                  ratio: p.ratio.toFixed(2),
                  background: this.#roleName(p.background),
                })
              )}
            </span>`
          : nothing
      }`
  }

  #pick(path: string, picked: string, before: string) {
    delete this.raw[path]
    this.raw = { ...this.raw }
    this.edit(path, `${picked}${alphaSuffix(before)}`)
  }

  /** Keeps `text` as the field's unparsed input (undefined: none). */
  #keepText(path: string, text: string | undefined) {
    const raw = { ...this.raw }
    if (text === undefined) delete raw[path]
    else raw[path] = text
    this.raw = raw
  }

  #clear(path: string) {
    this.#keepText(path, undefined)
    this.edit(path, undefined)
  }

  /** A typed value: into the draft when valid (empty clears the token), else kept as text with its error. */
  #typed(path: string, text: string, kind: PatternKind) {
    const value = text.trim()
    if (value === '' || PATTERNS[kind].test(value)) {
      this.#keepText(path, undefined)
      this.edit(path, value === '' ? undefined : value)
    } else this.raw = { ...this.raw, [path]: text }
  }

  #textField(path: string, label: string, kind: PatternKind) {
    const own = getToken(this.draft, path) as string | undefined
    const shown = String(getToken(this.#resolved, path) ?? '')
    const raw = this.raw[path]
    const id = path.replaceAll('.', '-')
    return html`<div class="row">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        data-token=${path}
        spellcheck="false"
        autocomplete="off"
        .value=${raw ?? own ?? ''}
        placeholder=${shown}
        aria-invalid=${raw !== undefined ? 'true' : 'false'}
        aria-describedby=${raw !== undefined ? `${id}-error` : nothing}
        ?readonly=${this.readOnly}
        @input=${(e: Event) => this.#typed(path, (e.target as HTMLInputElement).value, kind)}
      />
      ${raw !== undefined ? html`<span class="error" id="${id}-error">${this.t(INVALID[kind])}</span>` : nothing}
    </div>`
  }

  #selectField(
    path: string,
    label: string,
    options: [value: string, text: string][],
    parse = (v: string) => v as unknown
  ) {
    const value = String(getToken(this.#resolved, path))
    const id = path.replaceAll('.', '-')
    return html`<div class="row">
      <label for=${id}>${label}</label>
      <select
        id=${id}
        data-token=${path}
        ?disabled=${this.readOnly}
        @change=${(e: Event) => this.edit(path, parse((e.target as HTMLSelectElement).value))}
      >
        ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
      </select>
    </div>`
  }

  #typography() {
    const weights = WEIGHTS.map((w) => [String(w), String(w)] as [string, string])
    const lineHeight = this.#resolved.typography.lineHeight
    return html`<section class="card" aria-labelledby="type-title">
      <h2 id="type-title">${this.t('console.theme.typography')}</h2>
      ${this.#textField('typography.fontFamily', this.t('console.theme.fontFamily'), 'fontFamily')}
      ${this.#textField('typography.fontFamilyMono', this.t('console.theme.fontFamilyMono'), 'fontFamily')}
      <div class="grid2">
        ${FONT_SIZES.map((size) =>
          this.#textField(
            `typography.scale.${size}`,
            this.t('console.theme.scale', { size }),
            'length'
          )
        )}
      </div>
      <div class="grid2">
        ${this.#selectField('typography.weightRegular', this.t('console.theme.weightRegular'), weights, Number)}
        ${this.#selectField('typography.weightStrong', this.t('console.theme.weightStrong'), weights, Number)}
        <div class="row">
          <label for="lineHeight">${this.t('console.theme.lineHeight')}</label>
          <input
            id="lineHeight"
            data-token="typography.lineHeight"
            type="number"
            min="1"
            max="2.5"
            step="0.05"
            .value=${String(lineHeight)}
            ?readonly=${this.readOnly}
            @input=${(e: Event) => {
              const n = (e.target as HTMLInputElement).valueAsNumber
              if (n >= 1 && n <= 2.5) this.edit('typography.lineHeight', n)
            }}
          />
        </div>
      </div>
    </section>`
  }

  #shape(): TemplateResult {
    return html`<section class="card" aria-labelledby="shape-title">
      <h2 id="shape-title">${this.t('console.theme.shape')}</h2>
      <div class="grid2">
        ${RADII.map((r) => this.#textField(`radius.${r}`, this.t('console.theme.radius', { size: r }), 'length'))}
        ${this.#textField('spacing.unit', this.t('console.theme.spacing'), 'length')}
        ${this.#selectField(
          'density',
          this.t('console.theme.density'),
          DENSITIES.map((d) => [d, this.t(`console.theme.${d}` as MessageKey)])
        )}
      </div>
      ${ELEVATIONS.map((level) =>
        this.#textField(
          `elevation.${level}`,
          this.t('console.theme.elevation', { level }),
          'shadow'
        )
      )}
    </section>`
  }

  #motion() {
    return html`<section class="card" aria-labelledby="motion-title">
      <h2 id="motion-title">${this.t('console.theme.motion')}</h2>
      <div class="grid2">
        ${this.#textField('motion.durationFast', this.t('console.theme.durationFast'), 'duration')}
        ${this.#textField('motion.durationSlow', this.t('console.theme.durationSlow'), 'duration')}
      </div>
      ${this.#textField('motion.easing', this.t('console.theme.easing'), 'easing')}
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-theme-editor': ConsoleThemeEditor
  }
}
