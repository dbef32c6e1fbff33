import { html, nothing } from 'lit'
import { property } from 'lit/decorators.js'
import { ParleyElement } from '../kit/parley-element.js'
import { define } from '../kit/define.js'
import type { SelectChangeEvent } from '../kit/controls/select.js'
import type { TagInputChangeEvent } from '../kit/controls/tag-input.js'
import type { DateTimeChangeEvent } from '../kit/controls/date-time-picker.js'
import '../kit/controls/select.js'
import '../kit/controls/tag-input.js'
import '../kit/controls/date-time-picker.js'
import '../kit/primitives/button.js'
import './campaign-builder.locales.js'
import {
  FIELDS,
  MAX_DEPTH,
  OPERATORS,
  defaultValue,
  fieldKind,
  isGroup,
  newRule,
  type Operator,
  type Rule,
  type RuleGroup,
} from './campaign-model.js'

/** Replaces the node at `path` (indexes from the root group) with `next` (null removes it). */
function edit(root: RuleGroup, path: number[], next: Rule | RuleGroup | null): RuleGroup {
  if (!path.length) return next as RuleGroup
  const [i, ...rest] = path
  const rules = [...root.rules]
  if (rest.length) rules[i] = edit(rules[i] as RuleGroup, rest, next)
  else if (next) rules[i] = next
  else rules.splice(i, 1)
  return { ...root, rules }
}

/**
 * The visual AND/OR editor of a segment's rules: groups matching all or any of their rules,
 * nested up to four levels, each rule a field, an operator and a value input fitting the field
 * (a tag, a date, a number of days, a channel, yes / no, a country code, an attribute's text or
 * number). Every control is a button, a select or a field: usable by keyboard alone. Part of the
 * campaign builder: renders into `<parley-campaigns>`' shadow root.
 *
 * @event rules-change - The rules changed; `detail` is the new root group.
 */
export class ParleyRuleEditor extends ParleyElement {
  @property({ attribute: false }) rules: RuleGroup = { match: 'all', rules: [] }
  /** Problems by path (`audience.rules.rules.0.value`), the server's or the builder's. */
  @property({ attribute: false }) errors: Record<string, string> = {}
  /** Tags to suggest for tag rules. */
  @property({ attribute: false }) tags: string[] = []

  protected createRenderRoot() {
    return this
  }

  #set(path: number[], next: Rule | RuleGroup | null, focus?: string) {
    this.rules = edit(this.rules, path, next)
    this.dispatchEvent(new CustomEvent('rules-change', { detail: this.rules }))
    // After adding, focus goes to what was added (its first control), so keyboard users continue.
    if (focus)
      void this.updateComplete.then(() =>
        (this.querySelector(`[data-path="${focus}"]`) as HTMLElement | null)?.focus()
      )
  }

  render() {
    return html`<div class="rules-root" part="rules">${this.#group(this.rules, [], 1)}</div>`
  }

  #group(group: RuleGroup, path: number[], depth: number): unknown {
    const key = path.join('.')
    const label = this.t('builder.rules.group', { depth })
    return html`<fieldset class="group depth-${depth}" aria-label=${label}>
      <legend class="match">
        <span>${this.t('builder.rules.match')}</span>
        <parley-select
          size="sm"
          hide-label
          label=${this.t('builder.rules.matchLabel')}
          .value=${group.match}
          .options=${[
            { value: 'all', label: this.t('builder.rules.all') },
            { value: 'any', label: this.t('builder.rules.any') },
          ]}
          @change=${(e: SelectChangeEvent) => this.#set(path, { ...group, match: e.detail.value as 'all' | 'any' })}
        ></parley-select>
      </legend>
      ${
        group.rules.length
          ? html`<ol class="rule-list">
              ${group.rules.map((node, i) => {
                const at = [...path, i]
                const joiner = i
                  ? html`<span class="joiner"
                      >${this.t(group.match === 'all' ? 'builder.rules.and' : 'builder.rules.or')}</span
                    >`
                  : nothing
                return html`<li>
                  ${joiner}${isGroup(node) ? this.#group(node, at, depth + 1) : this.#rule(node, at)}
                </li>`
              })}
            </ol>`
          : html`<p class="muted">${this.t('builder.rules.emptyGroup')}</p>`
      }
      <div class="group-actions">
        <parley-button
          size="sm"
          variant="secondary"
          data-action="add-rule"
          data-path=${`g:${key}`}
          @click=${() => this.#set(path, { ...group, rules: [...group.rules, newRule()] }, [...path, group.rules.length, 'f'].join('.'))}
          >${this.t('builder.rules.addRule')}</parley-button
        >
        ${
          depth < MAX_DEPTH
            ? html`<parley-button
                size="sm"
                variant="secondary"
                data-action="add-group"
                @click=${() =>
                  this.#set(
                    path,
                    {
                      ...group,
                      rules: [
                        ...group.rules,
                        { match: group.match === 'all' ? 'any' : 'all', rules: [newRule()] },
                      ],
                    },
                    [...path, group.rules.length, 0, 'f'].join('.')
                  )}
                >${this.t('builder.rules.addGroup')}</parley-button
              >`
            : html`<span class="muted small">${this.t('builder.rules.maxDepth')}</span>`
        }
        ${
          path.length
            ? html`<parley-button
                size="sm"
                variant="ghost"
                data-action="remove-group"
                label=${this.t('builder.rules.removeGroup')}
                @click=${() => this.#set(path, null, `g:${path.slice(0, -1).join('.')}`)}
                >${this.t('builder.rules.removeGroup')}</parley-button
              >`
            : nothing
        }
      </div>
    </fieldset>`
  }

  #rule(rule: Rule, path: number[]) {
    const base = `audience.rules${path.map((i) => `.rules.${i}`).join('')}`
    const kind = fieldKind(rule.field)
    const ops = OPERATORS[kind]
    const valueKind = ops[rule.operator] ?? 'none'
    const attribute = kind === 'attribute'
    const error =
      this.errors[`${base}.value`] ??
      this.errors[`${base}.operator`] ??
      this.errors[`${base}.field`] ??
      this.errors[base]
    const set = (patch: Partial<Rule>) => this.#set(path, { ...rule, ...patch })
    return html`<div class="rule" role="group" aria-label=${this.t('builder.rules.rule')}>
      <parley-select
        size="sm"
        data-path=${[...path, 'f'].join('.')}
        label=${this.t('builder.rules.field')}
        hide-label
        .value=${attribute ? 'attribute' : rule.field}
        .options=${[...FIELDS, 'attribute'].map((f) => ({ value: f, label: this.t(`builder.field.${f}` as 'builder.field.tags') }))}
        @change=${(e: SelectChangeEvent) => this.#set(path, newRule(e.detail.value === 'attribute' ? 'attributes.' : e.detail.value))}
      ></parley-select>
      ${
        attribute
          ? html`<input
              class="text small-input"
              aria-label=${this.t('builder.rules.attributeKey')}
              placeholder=${this.t('builder.rules.attributeKey')}
              .value=${rule.field.slice('attributes.'.length)}
              aria-invalid=${this.errors[`${base}.field`] ? 'true' : 'false'}
              @change=${(e: Event) => set({ field: `attributes.${(e.target as HTMLInputElement).value.trim()}` })}
            />`
          : nothing
      }
      <parley-select
        size="sm"
        label=${this.t('builder.rules.operator')}
        hide-label
        .value=${rule.operator}
        .options=${Object.keys(ops).map((op) => ({ value: op, label: this.t(`builder.op.${kind === 'date' ? 'date.' : ''}${op}` as 'builder.op.is') }))}
        @change=${(e: SelectChangeEvent) => {
          const operator = e.detail.value as Operator
          const next = ops[operator] ?? 'none'
          const keep =
            next === valueKind && rule.value !== undefined
              ? { value: rule.value }
              : defaultValue(next)
          this.#set(path, { field: rule.field, operator, ...keep })
        }}
      ></parley-select>
      ${this.#value(rule, valueKind, set, Boolean(error))}
      <parley-button
        size="sm"
        variant="ghost"
        class="remove"
        label=${this.t('builder.rules.removeRule')}
        @click=${() => this.#set(path, null, `g:${path.slice(0, -1).join('.')}`)}
        >✕</parley-button
      >
      ${error ? html`<p class="field-error" role="alert">${error}</p>` : nothing}
    </div>`
  }

  #value(rule: Rule, kind: string, set: (patch: Partial<Rule>) => void, invalid: boolean) {
    const label = this.t('builder.rules.value')
    const text = (type: string, extra: Record<string, string> = {}) =>
      html`<input
        class="text value-input"
        type=${type}
        aria-label=${label}
        aria-invalid=${invalid ? 'true' : 'false'}
        min=${extra.min ?? nothing}
        max=${extra.max ?? nothing}
        maxlength=${extra.maxlength ?? nothing}
        placeholder=${extra.placeholder ?? ''}
        .value=${String(rule.value ?? '')}
        @change=${(e: Event) => {
          const raw = (e.target as HTMLInputElement).value
          set({
            value: type === 'number' ? Number(raw) : extra.upper ? raw.trim().toUpperCase() : raw,
          })
        }}
      />`
    switch (kind) {
      case 'none':
        return nothing
      case 'days':
        return html`<span class="days"
          >${text('number', { min: '1', max: '3650' })}<span
            >${this.t('builder.rules.days')}</span
          ></span
        >`
      case 'number':
        return text('number')
      case 'country':
        return text('text', { maxlength: '2', placeholder: 'PT', upper: 'yes' })
      case 'date':
        return html`<parley-date-time-picker
          size="sm"
          label=${label}
          hide-label
          .value=${String(rule.value ?? '').slice(0, 10)}
          .error=${invalid ? ' ' : undefined}
          @change=${(e: DateTimeChangeEvent) => set({ value: e.detail.value })}
        ></parley-date-time-picker>`
      case 'bool':
      case 'channel':
        return html`<parley-select
          size="sm"
          label=${label}
          hide-label
          .value=${String(rule.value)}
          .options=${
            kind === 'bool'
              ? [
                  { value: 'true', label: this.t('builder.rules.yes') },
                  { value: 'false', label: this.t('builder.rules.no') },
                ]
              : [
                  { value: 'whatsapp', label: this.t('campaigns.channel.whatsapp') },
                  { value: 'web', label: this.t('campaigns.channel.web') },
                ]
          }
          @change=${(e: SelectChangeEvent) => set({ value: kind === 'bool' ? e.detail.value === 'true' : e.detail.value })}
        ></parley-select>`
      default:
        if (rule.field === 'tags')
          return html`<parley-tag-input
            size="sm"
            label=${label}
            hide-label
            max="1"
            .value=${rule.value ? [String(rule.value)] : []}
            .suggestions=${this.tags}
            placeholder=${this.t('builder.rules.tag')}
            .error=${invalid ? ' ' : undefined}
            @change=${(e: TagInputChangeEvent) => set({ value: e.detail.value[0] ?? '' })}
          ></parley-tag-input>`
        return text('text')
    }
  }
}

define('parley-rule-editor', ParleyRuleEditor)

declare global {
  interface HTMLElementTagNameMap {
    'parley-rule-editor': ParleyRuleEditor
  }
}
