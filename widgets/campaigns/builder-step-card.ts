import { html, nothing } from 'lit'
import type { SelectChangeEvent } from '../kit/controls/select.js'
import '../kit/controls/select.js'
import '../kit/primitives/button.js'
import { DELAY_UNITS, delayParts, type DelayUnit, type Step } from './campaign-model.js'
import { fieldError, invalid, setStep, type BuilderView } from './builder-view.js'

const letter = (i: number) => String.fromCharCode(65 + i)

/**
 * One step of the message: its variants (weights, A/B test) and, in a drip, its wait after the
 * previous step and the tools to move or remove it.
 */
export function stepCard(view: BuilderView, s: Step, i: number, drip: boolean) {
  const steps = view.draft.steps
  const delay = delayParts(s.delayMinutes)
  const total = s.variants.reduce((sum, v) => sum + (v.weight ?? 1), 0)
  const move = (to: number) => {
    const next = [...steps]
    ;[next[i], next[to]] = [next[to], next[i]]
    view.patch({ steps: next })
  }
  return html`<li class="step-card">
    ${
      drip
        ? html`<div class="step-head">
            <h4>${view.t('builder.message.step', { n: i + 1 })}</h4>
            <span class="delay">
              <label
                >${view.t(i ? 'builder.message.wait' : 'builder.message.waitFirst')}
                <input
                  class="text narrow"
                  type="number"
                  min="0"
                  .value=${String(delay.amount)}
                  @change=${(e: Event) => setStep(view, i, { ...s, delayMinutes: Math.max(0, Number((e.target as HTMLInputElement).value)) * DELAY_UNITS[delay.unit] })}
                />
              </label>
              <parley-select
                size="sm"
                hide-label
                label=${view.t('builder.message.unit')}
                .value=${delay.unit}
                .options=${Object.keys(DELAY_UNITS).map((u) => ({ value: u, label: view.t(`builder.unit.${u as DelayUnit}`) }))}
                @change=${(e: SelectChangeEvent) => setStep(view, i, { ...s, delayMinutes: delay.amount * DELAY_UNITS[e.detail.value as DelayUnit] })}
              ></parley-select>
            </span>
            <span class="step-tools">
              <parley-button
                size="sm"
                variant="ghost"
                label=${view.t('builder.message.up', { n: i + 1 })}
                ?disabled=${i === 0}
                @click=${() => move(i - 1)}
                >↑</parley-button
              >
              <parley-button
                size="sm"
                variant="ghost"
                label=${view.t('builder.message.down', { n: i + 1 })}
                ?disabled=${i === steps.length - 1}
                @click=${() => move(i + 1)}
                >↓</parley-button
              >
              <parley-button
                size="sm"
                variant="ghost"
                label=${view.t('builder.message.removeStep', { n: i + 1 })}
                ?disabled=${steps.length === 1}
                @click=${() => view.patch({ steps: steps.filter((_, j) => j !== i) })}
                >✕</parley-button
              >
            </span>
          </div>`
        : nothing
    }
    ${s.variants.map((v, j) => {
      const field = `steps.${i}.variants.${j}.body`
      return html`<div class="variant">
        <div class="variant-head">
          <label for=${`body-${i}-${j}`}
            >${s.variants.length > 1 ? view.t('campaigns.variant', { letter: letter(j) }) : view.t('builder.message.body')}</label
          >
          ${
            s.variants.length > 1
              ? html`<label class="weight"
                    >${view.t('builder.message.weight')}
                    <input
                      class="text narrow"
                      type="number"
                      min="1"
                      max="100"
                      .value=${String(v.weight ?? 1)}
                      @change=${(e: Event) => {
                        const variants = [...s.variants]
                        variants[j] = {
                          ...v,
                          weight: Math.max(1, Number((e.target as HTMLInputElement).value) || 1),
                        }
                        setStep(view, i, { ...s, variants })
                      }}
                  /></label>
                  <span class="muted small">${Math.round(((v.weight ?? 1) / total) * 100)} %</span>
                  <parley-button
                    size="sm"
                    variant="ghost"
                    label=${view.t('builder.message.removeVariant', { letter: letter(j) })}
                    @click=${() => setStep(view, i, { ...s, variants: s.variants.filter((_, k) => k !== j), abTest: s.variants.length > 2 ? s.abTest : null })}
                    >✕</parley-button
                  >`
              : nothing
          }
        </div>
        <textarea
          id=${`body-${i}-${j}`}
          class="text body"
          rows="4"
          maxlength="4096"
          .value=${v.body}
          aria-invalid=${invalid(view, field)}
          aria-describedby=${`err-${field}`}
          @focus=${(e: Event) => remember(view, e, i, j)}
          @select=${(e: Event) => remember(view, e, i, j)}
          @keyup=${(e: Event) => remember(view, e, i, j)}
          @click=${(e: Event) => remember(view, e, i, j)}
          @input=${(e: Event) => {
            remember(view, e, i, j)
            const variants = [...s.variants]
            variants[j] = { ...v, body: (e.target as HTMLTextAreaElement).value }
            setStep(view, i, { ...s, variants })
          }}
        ></textarea>
        ${fieldError(view, field)}
      </div>`
    })}
    ${
      s.variants.length < 5
        ? html`<parley-button
            size="sm"
            variant="secondary"
            @click=${() => setStep(view, i, { ...s, variants: [...s.variants, { body: s.variants[0]?.body ?? '', weight: 1 }] })}
            >${view.t('builder.message.addVariant')}</parley-button
          >`
        : nothing
    }
    ${s.variants.length > 1 ? abTest(view, s, i) : nothing}
  </li>`
}

/** The A/B test of a step with several variants: how many get the test, when the winner is chosen. */
function abTest(view: BuilderView, s: Step, i: number) {
  const ab = s.abTest
  return html`<div class="abtest">
    <label class="check"
      ><input
        type="checkbox"
        .checked=${Boolean(ab)}
        @change=${(e: Event) => setStep(view, i, { ...s, abTest: (e.target as HTMLInputElement).checked ? { testShare: 0.2, decideAfterHours: 4 } : null })}
      />${view.t('builder.message.autoWinner')}</label
    >
    ${
      ab
        ? html`<div class="inline-fields">
              <label
                >${view.t('builder.message.testShare')}
                <input
                  class="text narrow"
                  type="number"
                  min="1"
                  max="50"
                  .value=${String(Math.round(ab.testShare * 100))}
                  aria-invalid=${invalid(view, `steps.${i}.abTest.testShare`)}
                  @change=${(e: Event) => setStep(view, i, { ...s, abTest: { ...ab, testShare: Number((e.target as HTMLInputElement).value) / 100 } })}
                />
                %</label
              >
              <label
                >${view.t('builder.message.decideAfter')}
                <input
                  class="text narrow"
                  type="number"
                  min="1"
                  max="168"
                  .value=${String(ab.decideAfterHours)}
                  @change=${(e: Event) => setStep(view, i, { ...s, abTest: { ...ab, decideAfterHours: Math.max(1, Number((e.target as HTMLInputElement).value)) } })}
                />
                h</label
              >
            </div>
            <p class="muted small">
              ${view.t('builder.message.abHint', { share: Math.round(ab.testShare * 100), hours: ab.decideAfterHours })}
            </p>
            ${fieldError(view, `steps.${i}.abTest.testShare`)}`
        : nothing
    }
  </div>`
}

/** Remembers the message field last used and its caret, where a variable goes in. */
function remember(view: BuilderView, e: Event, step: number, variant: number) {
  const area = e.target as HTMLTextAreaElement
  view.caret = { step, variant, start: area.selectionStart, end: area.selectionEnd }
}
