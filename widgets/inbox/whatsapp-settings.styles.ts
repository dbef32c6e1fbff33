import { css } from 'lit'

/** The WhatsApp settings' look: numbers as cards, their state, QR, why they are not connected. */
export const whatsappSettingsStyles = css`
  :host {
    display: block;
    padding: var(--parley-space-3, 12px);
    overflow-y: auto;
    --_border: var(--parley-color-border, #d5dae3);
    --_muted: var(--parley-color-on-surface-muted, #586174);
  }
  h2 {
    margin: 0 0 var(--parley-space-3, 12px);
    font-size: var(--parley-font-size-lg, 16px);
  }
  [part='numbers'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--parley-space-3, 12px);
  }
  [part='numbers'] > li {
    display: grid;
    gap: var(--parley-space-2, 8px);
    padding: var(--parley-space-3, 12px);
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-md, 8px);
  }
  .head {
    display: flex;
    justify-content: space-between;
    gap: var(--parley-space-2, 8px);
    align-items: baseline;
  }
  .state {
    font-size: var(--parley-font-size-sm, 13px);
    color: var(--_muted);
  }
  .state.open {
    color: var(--parley-color-success, #1b7f3b);
  }
  .state.logged_out,
  .error {
    color: var(--parley-color-danger, #c62828);
  }
  .qr {
    width: 220px;
    height: 220px;
    max-width: 100%;
  }
  .hint,
  .pacing {
    color: var(--_muted);
    font-size: var(--parley-font-size-sm, 13px);
    margin: 0;
  }
  .code {
    font:
      600 24px/1.2 ui-monospace,
      monospace;
    letter-spacing: 0.15em;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    gap: var(--parley-space-2, 8px);
    align-items: center;
  }
  input {
    font: inherit;
    color: inherit;
    background: var(--parley-color-surface, #ffffff);
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-md, 8px);
    padding: var(--parley-space-1, 4px) var(--parley-space-2, 8px);
  }
  .actions {
    display: flex;
    gap: var(--parley-space-2, 8px);
  }
  .why,
  .problem {
    display: grid;
    gap: var(--parley-space-1, 4px);
    padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
    border-inline-start: 3px solid var(--parley-color-warning, #f2b233);
    border-radius: var(--parley-radius-sm, 4px);
    background: var(--parley-color-surface-muted, #f2f4f8);
  }
  .why.act,
  .problem {
    border-inline-start-color: var(--parley-color-danger, #c62828);
  }
  .why p,
  .problem p {
    margin: 0;
  }
  details {
    font-size: var(--parley-font-size-sm, 13px);
    color: var(--_muted);
  }
  summary {
    cursor: pointer;
    width: fit-content;
  }
  details code {
    display: block;
    margin-top: var(--parley-space-1, 4px);
    font-family: ui-monospace, monospace;
    overflow-wrap: anywhere;
    white-space: pre-wrap;
  }
`
