import { css } from 'lit'

export const recorderStyles = css`
  /* The transcript renders into this root: its own box stays out of the layout. */
  parley-transcript {
    display: contents;
  }
  :host {
    display: block;
    container-type: inline-size;
    --_border: var(--parley-color-border, #d5dae3);
    --_muted: var(--parley-color-on-surface-muted, #586174);
  }
  [part='base'] {
    display: grid;
    gap: var(--parley-space-4, 16px);
    padding: var(--parley-space-4, 16px);
    /* Its own surface: readable whatever the host page's background is. */
    background: var(--parley-color-surface, #ffffff);
    color: var(--parley-color-on-surface, #18202f);
    border-radius: var(--parley-radius-lg, 14px);
    min-width: 0;
  }
  .problem {
    margin: 0;
    padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
    border-radius: var(--parley-radius-md, 8px);
    background: var(--parley-color-surface-muted, #f2f4f8);
    color: var(--parley-color-danger, #c2261f);
  }
  .capture {
    display: grid;
    gap: var(--parley-space-3, 12px);
  }
  .controls,
  .tools,
  .live,
  .state {
    display: flex;
    flex-wrap: wrap;
    gap: var(--parley-space-2, 8px);
    align-items: center;
  }
  .device {
    min-width: 12rem;
    max-width: 100%;
  }
  .elapsed {
    font-family: var(--parley-font-family-mono, ui-monospace, monospace);
    font-size: var(--parley-font-size-xxl, 24px);
    font-weight: var(--parley-font-weight-strong, 600);
    line-height: 1;
    font-variant-numeric: tabular-nums;
  }
  .dot {
    width: 12px;
    height: 12px;
    border-radius: 50%;
    background: var(--parley-color-danger, #c2261f);
  }
  .dot.paused {
    background: var(--_muted);
  }
  [part='meter'] {
    flex: 1;
    min-width: 80px;
    height: 12px;
  }
  .saved,
  .hint,
  .meta {
    color: var(--_muted);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .hint,
  .empty {
    margin: 0;
  }
  .empty {
    padding: var(--parley-space-5, 20px) 0;
    color: var(--_muted);
    text-align: center;
  }
  .drop {
    position: relative;
    display: grid;
    place-items: center;
    gap: var(--parley-space-1, 4px);
    padding: var(--parley-space-4, 16px);
    border: 2px dashed var(--_border);
    border-radius: var(--parley-radius-md, 8px);
    color: var(--_muted);
    text-align: center;
    cursor: pointer;
  }
  .drop input {
    position: absolute;
    width: 1px;
    height: 1px;
    opacity: 0;
  }
  .drop:focus-within {
    outline: 2px solid var(--parley-color-focus, #2f5bd3);
    outline-offset: 2px;
  }
  progress {
    width: 100%;
    max-width: 160px;
    height: 6px;
    accent-color: var(--parley-color-primary, #2f5bd3);
  }
  .recordings,
  [part='transcript'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--parley-space-2, 8px);
  }
  [part='recording'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
    padding-inline-end: var(--parley-space-3, 12px);
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-md, 8px);
  }
  [part='recording']:hover {
    background: var(--parley-color-surface-muted, #f2f4f8);
  }
  .item {
    display: grid;
    grid-template-columns: auto 1fr;
    flex: 1 1 220px;
    gap: 2px var(--parley-space-3, 12px);
    min-width: 0;
    padding: var(--parley-space-3, 12px);
    border: 0;
    border-radius: var(--parley-radius-md, 8px);
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .item > :not(.glyph) {
    grid-column: 2;
  }
  .glyph {
    grid-row: span 3;
    display: grid;
    place-items: center;
    width: 36px;
    height: 36px;
    border-radius: 50%;
    background: var(--parley-color-surface-muted, #f2f4f8);
    color: var(--_muted);
  }
  .glyph svg {
    width: 18px;
    height: 18px;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
  }
  .record-dot {
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: currentColor;
  }
  [part='recording'] > parley-button {
    margin-inline-start: var(--parley-space-3, 12px);
    margin-block-end: var(--parley-space-2, 8px);
  }
  .title {
    font-weight: var(--parley-font-weight-strong, 600);
    overflow-wrap: anywhere;
  }
  .meta {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  [part='status'] {
    display: inline-grid;
    grid-template-columns: 8px auto;
    align-items: center;
    gap: var(--parley-space-1, 4px) var(--parley-space-2, 8px);
    font-size: var(--parley-font-size-sm, 13px);
    color: var(--_muted);
  }
  [part='status']::before {
    content: '';
    width: 8px;
    height: 8px;
    align-self: start;
    margin-top: 0.45em;
    border-radius: 50%;
    background: var(--_muted);
  }
  [part='status'] progress {
    grid-column: 2;
  }
  [part='status'].moving::before,
  [part='status'].queued::before,
  [part='status'].recording::before {
    background: var(--parley-color-primary, #2f5bd3);
  }
  [part='status'].ready {
    color: var(--parley-color-success, #1d7a43);
  }
  [part='status'].ready::before {
    background: var(--parley-color-success, #1d7a43);
  }
  [part='status'].failed {
    color: var(--parley-color-danger, #c2261f);
  }
  [part='status'].failed::before {
    background: var(--parley-color-danger, #c2261f);
  }
  .detail-head {
    display: flex;
    gap: var(--parley-space-2, 8px);
    align-items: flex-start;
  }
  .heading {
    display: grid;
    gap: 2px;
    min-width: 0;
  }
  .detail-head h2 {
    margin: 0;
    font-size: var(--parley-font-size-lg, 16px);
    overflow-wrap: anywhere;
  }
  .footer {
    display: flex;
    justify-content: flex-end;
    padding-top: var(--parley-space-2, 8px);
    border-top: 1px solid var(--_border);
  }
  .summary {
    padding: var(--parley-space-3, 12px);
    border-radius: var(--parley-radius-md, 8px);
    background: var(--parley-color-surface-muted, #f2f4f8);
  }
  .summary h3 {
    margin: 0 0 var(--parley-space-1, 4px);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .summary p,
  .summary ul {
    margin: 0 0 var(--parley-space-2, 8px);
  }
  .tools input {
    flex: 1;
    min-width: 140px;
    min-height: 32px;
    font: inherit;
    color: inherit;
    background: var(--parley-color-surface, #ffffff);
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-md, 8px);
    padding: var(--parley-space-1, 4px) var(--parley-space-2, 8px);
  }
  [part~='segment'] {
    display: grid;
    grid-template-columns: auto 1fr auto;
    gap: var(--parley-space-2, 8px);
    align-items: start;
    padding: var(--parley-space-1, 4px);
    border-radius: var(--parley-radius-sm, 4px);
  }
  [part~='segment'].active {
    background: var(--parley-recorder-active-segment, var(--parley-color-surface-muted, #f2f4f8));
  }
  .time,
  .edit {
    border: 0;
    background: none;
    color: var(--parley-recorder-time-color, var(--parley-color-primary, #2f5bd3));
    font: inherit;
    font-variant-numeric: tabular-nums;
    cursor: pointer;
    padding: 0 var(--parley-space-1, 4px);
  }
  .edit {
    color: var(--_muted);
  }
  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  textarea {
    font: inherit;
    width: 100%;
    grid-column: 2 / -1;
    color: inherit;
    background: var(--parley-color-surface, #ffffff);
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-sm, 4px);
  }
  /* A phone: the search gets a row of its own, the exports the next. */
  @container (max-width: 480px) {
    .tools input {
      flex-basis: 100%;
    }
  }
`
