import { css } from 'lit'

export const recorderStyles = css`
  /* The transcript renders into this root: its own box stays out of the layout. */
  parley-transcript {
    display: contents;
  }
  :host {
    display: block;
    --_border: var(--parley-color-border, #d5dae3);
    --_muted: var(--parley-color-on-surface-muted, #586174);
  }
  [part='base'] {
    display: grid;
    gap: var(--parley-space-3, 12px);
    padding: var(--parley-space-3, 12px);
    color: var(--parley-color-on-surface, #18202f);
  }
  .problem {
    margin: 0;
    color: var(--parley-color-danger, #c62828);
  }
  .capture {
    display: grid;
    gap: var(--parley-space-2, 8px);
  }
  .controls,
  .tools,
  .live {
    display: flex;
    flex-wrap: wrap;
    gap: var(--parley-space-2, 8px);
    align-items: center;
  }
  .elapsed {
    font:
      600 24px/1 ui-monospace,
      monospace;
    font-variant-numeric: tabular-nums;
  }
  .dot {
    width: 12px;
    height: 12px;
    border-radius: 50%;
    background: var(--parley-color-danger, #c62828);
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
  .when {
    color: var(--_muted);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .hint {
    margin: 0;
  }
  .drop {
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
    outline: 2px solid var(--parley-color-primary, #2f5bd3);
  }
  progress {
    width: 100%;
    max-width: 240px;
    accent-color: var(--parley-color-primary, #2f5bd3);
  }
  .recordings,
  [part='transcript'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--parley-space-1, 4px);
  }
  .item {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 2px var(--parley-space-2, 8px);
    width: 100%;
    padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-md, 8px);
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .title {
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .status {
    grid-column: 1 / -1;
    font-size: var(--parley-font-size-sm, 13px);
    color: var(--_muted);
  }
  .status.failed {
    color: var(--parley-color-danger, #c62828);
  }
  .detail-head {
    display: flex;
    gap: var(--parley-space-2, 8px);
    align-items: center;
  }
  .detail-head h2 {
    margin: 0;
    font-size: var(--parley-font-size-lg, 16px);
  }
  audio {
    width: 100%;
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
  }
`
