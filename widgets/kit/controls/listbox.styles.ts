import { css } from 'lit'

/**
 * A popup on the top layer placed by PopupController (`--_popup-*`), and the options of a listbox
 * in it: the active one (keyboard or pointer) highlighted, the chosen one ticked.
 */
export const popupStyles = css`
  .popup {
    position: fixed;
    inset: auto;
    top: var(--_popup-top, 0);
    left: var(--_popup-left, 0);
    margin: 0;
    min-width: max(var(--_popup-width, 0px), 160px);
    max-width: calc(100vw - 16px);
    max-height: min(var(--parley-popup-max-height, 320px), var(--_popup-space, 100vh));
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: var(--parley-space-1, 4px);
    border: 1px solid var(--parley-color-border, #d5dae3);
    border-radius: var(--parley-radius-md, 8px);
    background: var(--parley-color-surface, #ffffff);
    color: var(--parley-color-on-surface, #18202f);
    box-shadow: var(--parley-shadow-2, 0 4px 12px #0003);
  }
`

export const listboxStyles = css`
  [part~='option'] {
    display: flex;
    align-items: center;
    gap: var(--parley-space-2, 8px);
    min-height: 36px;
    padding: var(--parley-space-1, 4px) var(--parley-space-2, 8px);
    border-radius: var(--parley-radius-sm, 4px);
    cursor: pointer;
    /* Shows in forced-colours mode, where backgrounds do not. */
    outline: 2px solid transparent;
    outline-offset: -2px;
  }
  [part~='option'].active {
    background: var(--parley-color-surface-muted, #f2f4f8);
  }
  @media (forced-colors: active) {
    [part~='option'].active {
      outline-color: Highlight;
    }
  }
  [part~='option'][aria-selected='true'] {
    font-weight: var(--parley-font-weight-strong, 600);
  }
  [part~='option'][aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.55;
  }
  .check {
    flex: none;
    width: 16px;
    height: 16px;
    margin-inline-start: auto;
    color: var(--parley-color-primary, #2f5bd3);
    visibility: hidden;
  }
  [aria-selected='true'] > .check {
    visibility: visible;
  }
  [part~='group-label'] {
    padding: var(--parley-space-2, 8px) var(--parley-space-2, 8px) var(--parley-space-1, 4px);
    color: var(--parley-color-on-surface-muted, #586174);
    font-size: var(--parley-font-size-xs, 11px);
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .text {
    display: grid;
    min-width: 0;
  }
  .label,
  .description {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .description {
    color: var(--parley-color-on-surface-muted, #586174);
    font-size: var(--parley-font-size-sm, 13px);
    font-weight: var(--parley-font-weight-regular, 400);
  }
  .person {
    position: relative;
    display: inline-flex;
    flex: none;
  }
  [part~='presence'] {
    position: absolute;
    inset: auto -2px -2px auto;
    width: 10px;
    height: 10px;
    border: 2px solid var(--parley-color-surface, #ffffff);
    border-radius: 50%;
    background: var(--parley-color-on-surface-muted, #586174);
  }
  [part~='presence'][data-presence='online'] {
    background: var(--parley-color-success, #1d7a43);
  }
  [part~='presence'][data-presence='away'] {
    background: var(--parley-color-warning, #f2b233);
  }
  [part~='empty'] {
    padding: var(--parley-space-2, 8px);
    color: var(--parley-color-on-surface-muted, #586174);
  }
  @media (pointer: coarse) {
    [part~='option'] {
      min-height: 44px;
    }
  }
`
