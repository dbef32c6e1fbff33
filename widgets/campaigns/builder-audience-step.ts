import { html, nothing } from 'lit'
import { localeFor } from '../kit/localize.js'
import type { SelectChangeEvent } from '../kit/controls/select.js'
import '../kit/controls/select.js'
import './rule-editor.js'
import { count, newRule, type RuleGroup } from './campaign-model.js'
import { clone, fieldError, invalid, type BuilderView } from './builder-view.js'

/** Who: the name, kind and channel, and the audience (rules or a segment) beside its count. */
export function audienceStep(view: BuilderView) {
  const d = view.draft
  const a = d.audience
  return html`<div class="form-grid">
      <label class="field">
        <span>${view.t('builder.name')}</span>
        <input
          class="text"
          .value=${d.name}
          aria-invalid=${invalid(view, 'name')}
          aria-describedby="err-name"
          @input=${(e: Event) => view.patch({ name: (e.target as HTMLInputElement).value })}
        />
        ${fieldError(view, 'name')}
      </label>
      <fieldset class="choice">
        <legend>${view.t('builder.kind')}</legend>
        ${(['broadcast', 'drip'] as const).map(
          (k) =>
            html`<label
              ><input
                type="radio"
                name="kind"
                .checked=${d.kind === k}
                @change=${() => view.patch({ kind: k, steps: k === 'broadcast' ? d.steps.slice(0, 1) : d.steps })}
              />
              <span
                ><strong>${view.t(`campaigns.kind.${k}`)}</strong
                ><small>${view.t(`builder.kindHint.${k}`)}</small></span
              ></label
            >`
        )}
      </fieldset>
      <fieldset class="choice">
        <legend>${view.t('builder.channel')}</legend>
        ${(['whatsapp', 'web'] as const).map(
          (c) =>
            html`<label
              ><input
                type="radio"
                name="channel"
                .checked=${d.channel === c}
                @change=${() => view.patch({ channel: c })}
              />
              <span
                ><strong>${view.t(`campaigns.channel.${c}`)}</strong
                ><small>${view.t(`builder.channelHint.${c}`)}</small></span
              ></label
            >`
        )}
      </fieldset>
    </div>
    <div class="audience-layout">
      <div>
        <fieldset class="choice inline">
          <legend>${view.t('builder.audience.who')}</legend>
          <label
            ><input
              type="radio"
              name="source"
              .checked=${view.source === 'rules'}
              @change=${() => {
                view.setSource('rules')
                view.patch({
                  audience: {
                    rules: view.rules()
                      ? clone(view.rules()!)
                      : { match: 'all', rules: [newRule()] },
                  },
                })
              }}
            />${view.t('builder.audience.rules')}</label
          >
          <label
            ><input
              type="radio"
              name="source"
              .checked=${view.source === 'segment'}
              ?disabled=${!view.segments.length}
              @change=${() => {
                view.setSource('segment')
                view.patch({ audience: { segmentId: view.segments[0]?.id ?? '' } })
              }}
            />${view.t('builder.audience.segment')}${view.segments.length ? nothing : html` <small class="muted">(${view.t('builder.audience.noSegments')})</small>`}</label
          >
        </fieldset>
        ${
          'segmentId' in a
            ? html`<parley-select
                label=${view.t('builder.audience.segmentLabel')}
                .value=${a.segmentId}
                .error=${view.errors['audience.segmentId']}
                .options=${view.segments.map((s) => ({ value: s.id, label: s.name }))}
                @change=${(e: SelectChangeEvent) => view.patch({ audience: { segmentId: e.detail.value } })}
              ></parley-select>`
            : 'rules' in a
              ? html`<parley-rule-editor
                    .rules=${a.rules}
                    .errors=${view.errors}
                    .locale=${view.host.locale}
                    .tags=${[...new Set(view.audienceCount.preview?.sample.flatMap((c) => (c as { tags?: string[] }).tags ?? []) ?? [])]}
                    @rules-change=${(e: CustomEvent<RuleGroup>) => view.patch({ audience: { rules: e.detail } })}
                  ></parley-rule-editor>
                  ${fieldError(view, 'audience.rules')}`
              : contactList(view, a.contactIds.length)
        }
      </div>
      ${countPanel(view)}
    </div>`
}

/** An audience given as a list of contacts (through the API): how many it names. */
function contactList(view: BuilderView, contacts: number) {
  // The text's surrounding whitespace as it was (prettier would drop it: unseen, but other DOM).
  // prettier-ignore
  return html`<p>
    ${view.t('builder.audience.contacts', { count: contacts })}
  </p>`
}

/**
 * The live count and who is left out and why, with a sample of contacts; a list of contacts
 * (given through the API) shows its size instead.
 */
function countPanel(view: BuilderView) {
  const p = view.audienceCount.preview
  const locale = localeFor(view.host)
  const listed = view.listed()
  if (listed !== undefined)
    return html`<aside class="count-panel" part="count" aria-live="polite" aria-busy="false">
      <p class="big">${count(listed, locale)}</p>
      <p>${view.t('builder.count.listed')}</p>
      <p class="muted small">${view.t('builder.count.listNote')}</p>
    </aside>`
  const excluded = Object.entries(p?.excluded ?? {}).filter(([, n]) => n > 0)
  return html`<aside
    class="count-panel"
    part="count"
    aria-live="polite"
    aria-busy=${view.audienceCount.counting ? 'true' : 'false'}
  >
    <p class="big">${p ? count(p.count, locale) : '—'}</p>
    <p>
      ${view.t(view.draft.channel === 'whatsapp' ? 'builder.count.whatsapp' : 'builder.count.web')}
    </p>
    ${view.audienceCount.counting ? html`<p class="muted small">${view.t('builder.count.counting')}</p>` : nothing}
    ${
      excluded.length
        ? html`<h4>${view.t('builder.count.excluded')}</h4>
            <ul class="reasons">
              ${excluded.map(([reason, n]) => html`<li><span>${reasonText(view, reason)}</span><strong>${count(n, locale)}</strong></li>`)}
            </ul>`
        : nothing
    }
    ${
      p?.sample.length
        ? html`<h4>${view.t('builder.count.sample')}</h4>
            <ul class="sample">
              ${p.sample.slice(0, 5).map((c) => html`<li>${c.name || c.phone || c.email || c.id.slice(0, 8)}</li>`)}
            </ul>`
        : nothing
    }
  </aside>`
}

/** A reason for leaving contacts out, in words (its code if the strings have none). */
function reasonText(view: BuilderView, code: string) {
  const key = `campaigns.reason.${code}`
  const text = view.t(key as 'campaigns.reason.optedOut')
  return text === key ? code : text
}
