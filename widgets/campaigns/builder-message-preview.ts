import { html, nothing } from 'lit'
import type { SelectChangeEvent } from '../kit/controls/select.js'
import '../kit/controls/select.js'
import '../kit/primitives/button.js'
import type { BuilderView } from './builder-view.js'

/**
 * The message as the contact will see it: a WhatsApp bubble, or the web chat's; rendered by the
 * server for a contact of the audience when asked.
 */
export function messagePreview(view: BuilderView) {
  const a = view.draft.audience
  const options =
    'contactIds' in a
      ? a.contactIds.map((id) => ({ value: id, label: id.slice(0, 8) }))
      : (view.audienceCount.preview?.sample ?? []).map((c) => ({
          value: c.id,
          label: c.name || c.phone || c.email || c.id.slice(0, 8),
        }))
  const bodies = view.rendered?.steps.map((s) => s.body)
  return html`<div class="preview-row">
    <div class="preview-controls">
      <h4>${view.t('builder.preview.title')}</h4>
      ${
        options.length
          ? html`<parley-select
                label=${view.t('builder.preview.contact')}
                .value=${view.previewContact}
                .options=${options}
                @change=${(e: SelectChangeEvent) => view.setPreviewContact(e.detail.value)}
              ></parley-select>
              <parley-button
                variant="secondary"
                size="sm"
                ?disabled=${view.busy}
                @click=${() => view.renderFor()}
                >${view.t('builder.preview.render')}</parley-button
              >
              <p class="muted small">${view.t('builder.preview.saves')}</p>`
          : html`<p class="muted small" aria-busy=${view.audienceCount.counting ? 'true' : 'false'}>
              ${view.t(view.audienceCount.counting ? 'builder.count.counting' : 'builder.preview.noContacts')}
            </p>`
      }
    </div>
    <div
      class="phone p-${view.draft.channel}"
      part="phone"
      role="group"
      aria-label=${view.t('builder.preview.title')}
    >
      <div class="phone-bar">
        ${view.draft.channel === 'whatsapp' ? 'WhatsApp' : view.t('campaigns.channel.web')}
      </div>
      <div class="phone-wall">
        ${(bodies ?? view.draft.steps.map((s) => s.variants[0]?.body ?? '')).map(
          (body) => html`<p class="bubble">${body}<span class="time">09:41</span></p>`
        )}
        ${bodies ? nothing : html`<p class="muted small template-note">${view.t('builder.preview.template')}</p>`}
      </div>
    </div>
  </div>`
}
