import { css } from 'lit'

/** Label, field box, help and error lines: the look every control shares with parley-input. */
export const fieldStyles = css`
  :host {
    display: block;
    --_height: var(--parley-control-height, 36px);
    --_radius: var(--parley-control-radius, var(--parley-radius-md, 8px));
  }
  :host([size='sm']) {
    --_height: var(--parley-control-height, 30px);
  }
  [part~='base'] {
    display: grid;
    gap: var(--parley-space-1, 4px);
  }
  [part~='label'] {
    justify-self: start;
    font-size: var(--parley-font-size-sm, 13px);
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .field {
    display: flex;
    align-items: center;
    gap: var(--parley-space-2, 8px);
    min-width: 0;
    min-height: var(--_height);
    padding: 0 var(--parley-space-3, 12px);
    border: 1px solid var(--parley-color-border, #d5dae3);
    border-radius: var(--_radius);
    background: var(--parley-color-surface, #ffffff);
    color: var(--parley-color-on-surface, #18202f);
    font: inherit;
    text-align: start;
    cursor: pointer;
    transition: border-color var(--parley-duration-fast, 120ms) var(--parley-easing, ease);
  }
  :host([size='sm']) .field {
    padding: 0 var(--parley-space-2, 8px);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .field:hover {
    border-color: var(--parley-color-on-surface-muted, #586174);
  }
  .field:focus-within:has(:focus-visible),
  .field:focus-visible {
    outline: 2px solid var(--parley-color-focus, #2f5bd3);
    outline-offset: 1px;
  }
  .field[aria-invalid='true'],
  .field:has([aria-invalid='true']) {
    border-color: var(--parley-color-danger, #c2261f);
  }
  :host([disabled]) .field {
    cursor: not-allowed;
    opacity: 0.55;
  }
  :host([disabled]) .field:hover {
    border-color: var(--parley-color-border, #d5dae3);
  }
  .placeholder {
    color: var(--parley-color-on-surface-muted, #586174);
  }
  .grow {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .chevron {
    flex: none;
    width: 16px;
    height: 16px;
    color: var(--parley-color-on-surface-muted, #586174);
    transition: transform var(--parley-duration-fast, 120ms) var(--parley-easing, ease);
  }
  [aria-expanded='true'] > .chevron {
    transform: rotate(180deg);
  }
  [part~='help'],
  [part~='error'] {
    font-size: var(--parley-font-size-sm, 13px);
  }
  [part~='help'] {
    color: var(--parley-color-on-surface-muted, #586174);
  }
  [part~='error'] {
    color: var(--parley-color-danger, #c2261f);
  }
  @media (pointer: coarse) {
    :host {
      --_height: var(--parley-control-height, 44px);
    }
  }
`
