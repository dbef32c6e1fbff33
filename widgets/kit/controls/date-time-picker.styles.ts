import { css } from 'lit'

/**
 * The calendar dialog: under its field on larger screens (PopupController's `--_popup-*`),
 * centred over a dimmed page on phones; a grid of 40px days (44px on touch screens).
 */
export const pickerStyles = css`
  .calendar {
    flex: none;
    width: 16px;
    height: 16px;
    color: var(--parley-color-on-surface-muted, #586174);
  }
  dialog {
    position: fixed;
    inset: auto;
    top: var(--_popup-top, 0);
    left: var(--_popup-left, 0);
    margin: 0;
    width: max-content;
    max-width: calc(100vw - 16px);
    max-height: calc(100dvh - 16px);
    overflow: auto;
    padding: var(--parley-space-3, 12px);
    border: 1px solid var(--parley-color-border, #d5dae3);
    border-radius: var(--parley-radius-lg, 14px);
    background: var(--parley-color-surface, #ffffff);
    color: var(--parley-color-on-surface, #18202f);
    box-shadow: var(--parley-shadow-3, 0 12px 32px #0003);
  }
  dialog::backdrop {
    background: transparent;
  }
  @media (max-width: 480px), (max-height: 520px) {
    dialog {
      inset: 0;
      margin: auto;
      height: fit-content;
    }
    dialog::backdrop {
      background: var(--parley-color-backdrop, #0b0f1a99);
    }
  }
  [part~='header'] {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--parley-space-2, 8px);
    margin-bottom: var(--parley-space-2, 8px);
  }
  [part~='month'] {
    margin: 0;
    font-size: var(--parley-font-size-md, 14px);
    font-weight: var(--parley-font-weight-strong, 600);
  }
  button {
    min-height: 32px;
    padding: 0 var(--parley-space-3, 12px);
    border: 1px solid var(--parley-color-border, #d5dae3);
    border-radius: var(--parley-radius-md, 8px);
    background: var(--parley-color-surface, #ffffff);
    color: var(--parley-color-on-surface, #18202f);
    font: inherit;
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    background: var(--parley-color-surface-muted, #f2f4f8);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.45;
  }
  [part~='nav'] {
    width: 32px;
    padding: 0;
    font-size: 20px;
    line-height: 1;
  }
  button.quiet {
    border-color: transparent;
    background: transparent;
  }
  button.primary {
    border-color: transparent;
    background: var(--parley-color-primary, #2f5bd3);
    color: var(--parley-color-on-primary, #ffffff);
    font-weight: var(--parley-font-weight-strong, 600);
  }
  button.primary:hover:not(:disabled) {
    background: var(--parley-color-primary, #2f5bd3);
    filter: brightness(0.95);
  }
  [part~='grid'] {
    border-collapse: collapse;
    margin: 0 auto;
  }
  [part~='weekday'] {
    height: 28px;
    padding: 0;
    color: var(--parley-color-on-surface-muted, #586174);
    font-size: var(--parley-font-size-xs, 11px);
    font-weight: var(--parley-font-weight-strong, 600);
  }
  td {
    width: 40px;
    height: 40px;
    padding: 0;
    text-align: center;
  }
  [part~='day'] {
    border-radius: 50%;
    cursor: pointer;
    font-variant-numeric: tabular-nums;
  }
  [part~='day']:focus-visible {
    outline-offset: 1px;
  }
  [part~='day']:hover {
    background: var(--parley-color-surface-muted, #f2f4f8);
  }
  [part~='day'][aria-current='date'] {
    box-shadow: inset 0 0 0 1px var(--parley-color-on-surface-muted, #586174);
    font-weight: var(--parley-font-weight-strong, 600);
  }
  [part~='day'][aria-selected='true'] {
    background: var(--parley-color-primary, #2f5bd3);
    color: var(--parley-color-on-primary, #ffffff);
    font-weight: var(--parley-font-weight-strong, 600);
  }
  [part~='day'][aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.4;
    text-decoration: line-through;
  }
  [part~='time'] {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--parley-space-2, 8px);
    margin-top: var(--parley-space-3, 12px);
    padding-top: var(--parley-space-3, 12px);
    border-top: 1px solid var(--parley-color-border, #d5dae3);
  }
  .time-label {
    font-size: var(--parley-font-size-sm, 13px);
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .segments {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    padding: 2px var(--parley-space-2, 8px);
    border: 1px solid var(--parley-color-border, #d5dae3);
    border-radius: var(--parley-radius-md, 8px);
    font-variant-numeric: tabular-nums;
  }
  [part~='segment'] {
    min-width: 2.2ch;
    padding: 4px 2px;
    border-radius: var(--parley-radius-sm, 4px);
    text-align: center;
    cursor: default;
    caret-color: transparent;
  }
  [part~='segment']:focus {
    background: var(--parley-color-primary, #2f5bd3);
    color: var(--parley-color-on-primary, #ffffff);
    outline: none;
  }
  [part~='footer'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--parley-space-2, 8px);
    margin-top: var(--parley-space-3, 12px);
  }
  .spacer {
    flex: 1;
  }
  @media (pointer: coarse) {
    td {
      width: 44px;
      height: 44px;
    }
    button {
      min-height: 40px;
    }
  }
`
