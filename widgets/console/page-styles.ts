import { css } from 'lit'

/**
 * What the console's pages share beside consoleStyles: the page as a column of regions (960 px
 * at most unless the page says otherwise), cards and fields as columns, code that wraps.
 */
export const pageStyles = css`
  :host {
    display: grid;
    gap: var(--parley-space-4, 16px);
    max-width: 960px;
  }
  .card {
    display: grid;
    gap: var(--parley-space-3, 12px);
  }
  .field {
    display: grid;
    gap: var(--parley-space-1, 4px);
  }
  code {
    font-family: var(--parley-font-family-mono, monospace);
    overflow-wrap: anywhere;
  }
`

/** A page's tables: full width, a line under each row, small muted column headers. */
export const tableStyles = css`
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: start;
    padding: var(--parley-space-2, 8px);
    border-bottom: 1px solid var(--parley-color-border);
  }
  thead th {
    font-size: var(--parley-font-size-sm, 13px);
    color: var(--parley-color-on-surface-muted);
  }
`
