import { html, nothing } from 'lit'
import '../kit/primitives/button.js'
import { setStep, type BuilderView } from './builder-view.js'
import { stepCard } from './builder-step-card.js'
import { messagePreview } from './builder-message-preview.js'

/** What: the message (one, or a drip's steps on a timeline), its variables and its preview. */
export function messageStep(view: BuilderView) {
  const d = view.draft
  const drip = d.kind === 'drip'
  return html`<p class="muted">${view.t('builder.message.hint')}</p>
    <div class="variables" role="group" aria-label=${view.t('builder.message.insert')}>
      <span>${view.t('builder.message.insert')}</span>
      ${(
        ['firstName', 'lastName', 'name', 'phone', 'email', 'workspace', 'attribute'] as const
      ).map(
        (v) =>
          html`<button
            type="button"
            class="chip"
            @mousedown=${(e: Event) => e.preventDefault()}
            @click=${() => insertVariable(view, v)}
          >
            ${view.t(`builder.var.${v}`)}
          </button>`
      )}
    </div>
    <ol class=${drip ? 'timeline' : 'single'}>
      ${d.steps.map((s, i) => stepCard(view, s, i, drip))}
    </ol>
    ${
      drip && d.steps.length < 10
        ? html`<parley-button
            variant="secondary"
            size="sm"
            @click=${() => view.patch({ steps: [...d.steps, { delayMinutes: 1440, variants: [{ body: '', weight: 1 }] }] })}
            >${view.t('builder.message.addStep')}</parley-button
          >`
        : nothing
    }
    ${messagePreview(view)}`
}

/** Puts a variable at the caret of the last message field used (the first one otherwise). */
function insertVariable(view: BuilderView, variable: string) {
  const at = view.caret ?? { step: 0, variant: 0, start: Infinity, end: Infinity }
  const text =
    variable === 'firstName'
      ? `{{contact.firstName | default: "${view.t('builder.var.fallback')}"}}`
      : variable === 'workspace'
        ? '{{workspace.name}}'
        : variable === 'attribute'
          ? '{{contact.attributes.key}}'
          : `{{contact.${variable}}}`
  const s = view.draft.steps[at.step]
  const v = s.variants[at.variant]
  const start = Math.min(at.start, v.body.length)
  const end = Math.min(at.end, v.body.length)
  const variants = [...s.variants]
  variants[at.variant] = { ...v, body: v.body.slice(0, start) + text + v.body.slice(end) }
  setStep(view, at.step, { ...s, variants })
  void view.host.updateComplete.then(() => {
    const area = view.host.querySelector<HTMLTextAreaElement>(`#body-${at.step}-${at.variant}`)
    if (!area) return
    area.focus()
    // An attribute's key is selected, ready to be typed over.
    const caret = start + text.length
    if (variable === 'attribute') area.setSelectionRange(caret - 5, caret - 2)
    else area.setSelectionRange(caret, caret)
    view.caret = { ...at, start: area.selectionStart, end: area.selectionEnd }
  })
}
