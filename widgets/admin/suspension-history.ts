import { html, css } from 'lit'
import type { MessageKey } from '../kit/localize.js'
import type { Suspension } from './api.js'
import type { Formats } from './format.js'
import { actorName } from './tenant-bits.js'

type T = (key: MessageKey, params?: Record<string, string | number>) => string

/**
 * A tenant's suspensions as a timeline, newest first: category, the reason its users read, the
 * internal note, who suspended it and when, and who resumed it and when (or that it still is).
 */
export function suspensionHistory(t: T, f: Formats, suspensions: Suspension[]) {
  if (!suspensions.length) return html`<p class="hint">${t('admin.tenant.noHistory')}</p>`
  return html`<ol class="timeline" id="history">
    ${suspensions.map(
      (s) =>
        html`<li class=${s.resumedAt ? 'resumed' : 'open'} data-id=${s.id}>
          <p class="event">
            <strong>${t(`admin.category.${s.category}`)}</strong>
            <span class="hint">
              ${t('admin.tenant.suspendedBy', {
                date: f.dateTime(s.suspendedAt),
                who: actorName(t, s.suspendedBy),
              })}
            </span>
          </p>
          <blockquote class="reason">${s.reason}</blockquote>
          ${s.note ? html`<p class="hint note">${t('admin.tenant.note', { note: s.note })}</p>` : ''}
          <p class=${s.resumedAt ? 'hint' : 'still'}>
            ${
              s.resumedAt
                ? t('admin.tenant.resumedBy', {
                    date: f.dateTime(s.resumedAt),
                    who: actorName(t, s.resumedBy),
                  })
                : t('admin.tenant.open')
            }
          </p>
        </li>`
    )}
  </ol>`
}

export const timelineStyles = css`
  .timeline {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
  }
  .timeline li {
    position: relative;
    display: grid;
    gap: var(--parley-space-1, 4px);
    padding: 0 0 var(--parley-space-4, 16px) var(--parley-space-5, 20px);
    border-inline-start: 2px solid var(--parley-color-border, #d5dae3);
    margin-inline-start: 6px;
  }
  .timeline li:last-child {
    border-inline-start-color: transparent;
    padding-bottom: 0;
  }
  .timeline li::before {
    content: '';
    position: absolute;
    inset-inline-start: -8px;
    top: 3px;
    width: 10px;
    height: 10px;
    border-radius: 50%;
    border: 2px solid var(--parley-color-surface, #fff);
    background: var(--parley-color-on-surface-muted, #586174);
  }
  .timeline li.open::before {
    background: var(--parley-color-danger, #c2261f);
  }
  .timeline .event {
    display: flex;
    flex-wrap: wrap;
    gap: var(--parley-space-2, 8px);
    align-items: baseline;
  }
  .timeline .reason {
    margin: 0;
    padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
    border-radius: var(--parley-radius-md, 8px);
    background: var(--parley-color-surface-muted, #f2f4f8);
    overflow-wrap: anywhere;
    white-space: pre-wrap;
  }
  .timeline .still {
    color: var(--parley-color-danger, #c2261f);
    font-weight: var(--parley-font-weight-strong, 600);
    font-size: var(--parley-font-size-sm, 13px);
  }
`
