import { css } from 'lit'
import { pageStyles, tableStyles } from '../page-styles.js'

/** What the account pages (Security, Users) share beyond consoleStyles and the page styles. */
export const accountStyles = [
  pageStyles,
  tableStyles,
  css`
    :host {
      grid-template-columns: minmax(0, 1fr);
    }
    /* Long labels (Spanish, narrow screens) wrap inside their button rather than widen the page. */
    .button {
      white-space: normal;
      text-align: center;
    }
    .card,
    .stack {
      display: grid;
      gap: var(--parley-space-3, 12px);
      align-content: start;
    }
    h2[tabindex],
    h3[tabindex] {
      outline-offset: 4px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--parley-space-2, 8px);
      align-items: center;
    }
    .check {
      display: flex;
      gap: var(--parley-space-2, 8px);
      align-items: center;
      font-weight: normal;
      font-size: inherit;
    }
    .check input {
      width: 18px;
      height: 18px;
    }
    code.value {
      padding: var(--parley-space-2, 8px);
      border-radius: var(--parley-radius-sm, 4px);
      background: var(--parley-color-surface-muted);
    }
    .code-input {
      max-width: 12ch;
      font-family: var(--parley-font-family-mono, monospace);
      letter-spacing: 0.15em;
    }
    /* Shown once: marked like the keys page's new key. */
    .once {
      padding: var(--parley-space-4, 16px);
      border: 2px solid var(--parley-color-warning, #f2b233);
      border-radius: var(--parley-radius-md, 8px);
    }
    .badge {
      display: inline-block;
      padding: 1px var(--parley-space-2, 8px);
      border-radius: 999px;
      border: 1px solid var(--parley-color-border);
      font-size: var(--parley-font-size-sm, 13px);
      font-weight: var(--parley-font-weight-strong, 600);
      color: var(--parley-color-on-surface-muted);
      white-space: nowrap;
    }
    .badge.on {
      border-color: var(--parley-color-success);
      color: var(--parley-color-success);
    }
    .badge.you {
      border-color: var(--parley-color-primary);
      color: var(--parley-color-primary);
    }
    .button.danger {
      background: var(--parley-color-danger);
      border-color: var(--parley-color-danger);
      color: var(--parley-color-on-danger, #fff);
      font-weight: var(--parley-font-weight-strong, 600);
    }
    th,
    td {
      vertical-align: middle;
    }
    th {
      font-size: var(--parley-font-size-sm, 13px);
      color: var(--parley-color-on-surface-muted);
    }
  `,
]
