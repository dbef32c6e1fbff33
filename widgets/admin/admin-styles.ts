import { css } from 'lit'
import { pageStyles, tableStyles } from '../console/page-styles.js'

/**
 * What the admin's pages share beside the console's page and table styles: page head, numbers,
 * status, copy rows.
 */
export const adminPageStyles = [
  pageStyles,
  tableStyles,
  css`
    :host {
      max-width: 1120px;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      gap: var(--parley-space-3, 12px);
      align-items: center;
      justify-content: space-between;
    }
    .head > div {
      display: grid;
      gap: var(--parley-space-1, 4px);
    }
    .card {
      min-width: 0;
    }
    .label {
      font-weight: var(--parley-font-weight-strong, 600);
      font-size: var(--parley-font-size-sm, 13px);
    }
    textarea {
      font: inherit;
      color: inherit;
      padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
      border: 1px solid var(--parley-color-border, #d5dae3);
      border-radius: var(--parley-radius-md, 8px);
      background: var(--parley-color-surface, #fff);
      resize: vertical;
      min-height: 88px;
    }
    textarea[aria-invalid='true'] {
      border-color: var(--parley-color-danger, #c2261f);
      box-shadow: 0 0 0 1px var(--parley-color-danger, #c2261f);
    }
    caption {
      text-align: start;
    }
    th,
    td {
      vertical-align: top;
    }
    thead th {
      font-weight: var(--parley-font-weight-strong, 600);
    }
    td.number,
    th.number {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    .status {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 1px var(--parley-space-2, 8px);
      border-radius: var(--parley-radius-pill, 999px);
      border: 1px solid currentColor;
      font-size: var(--parley-font-size-sm, 13px);
      font-weight: var(--parley-font-weight-strong, 600);
      white-space: nowrap;
    }
    .status::before {
      content: '';
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: currentColor;
    }
    .status.active,
    .status.verified {
      color: var(--parley-color-success, #1d7a43);
    }
    .status.suspended,
    .status.failed {
      color: var(--parley-color-danger, #c2261f);
    }
    .status.pending {
      color: var(--parley-color-on-surface-muted, #586174);
    }
    .copy-row {
      display: flex;
      gap: var(--parley-space-2, 8px);
      flex-wrap: wrap;
      align-items: center;
    }
    .copy-row code {
      flex: 1 1 240px;
      padding: var(--parley-space-2, 8px);
      border-radius: var(--parley-radius-sm, 4px);
      background: var(--parley-color-surface-muted);
    }
    a {
      color: var(--parley-color-primary, #2f5bd3);
    }
    .button.danger {
      border-color: var(--parley-color-danger, #c2261f);
      color: var(--parley-color-danger, #c2261f);
      font-weight: var(--parley-font-weight-strong, 600);
    }
    .button.danger.filled {
      background: var(--parley-color-danger, #c2261f);
      color: var(--parley-color-on-danger, #fff);
    }
  `,
]

/** Narrow screens: a table becomes a stacked list, each cell labelled by its column. */
export const stackedListStyles = css`
  @media (max-width: 700px) {
    table.stack,
    table.stack tbody,
    table.stack tr,
    table.stack td,
    table.stack th[scope='row'] {
      display: block;
    }
    table.stack thead {
      display: none;
    }
    table.stack tr {
      padding-block: var(--parley-space-2, 8px);
      border-bottom: 1px solid var(--parley-color-border);
    }
    table.stack td,
    table.stack th[scope='row'] {
      border: 0;
      padding: 2px 0;
      text-align: start;
    }
    table.stack td[data-label]::before {
      content: attr(data-label) ': ';
      color: var(--parley-color-on-surface-muted);
      font-size: var(--parley-font-size-sm, 13px);
    }
  }
`
