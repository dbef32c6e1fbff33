import { css } from 'lit'

export const chatStyles = css`
  :host {
    display: block;
    height: 100%;
    min-height: 320px;
    --_border: var(--parley-color-border, #d5dae3);
    --_muted: var(--parley-color-on-surface-muted, #586174);
    --_bubble-radius: var(--parley-inbox-bubble-radius, var(--parley-radius-lg, 14px));
    --_mine: var(--parley-inbox-own-bubble, var(--parley-color-primary, #2f5bd3));
    --_on-mine: var(--parley-inbox-own-bubble-color, var(--parley-color-on-primary, #ffffff));
    --_theirs: var(--parley-inbox-bubble, var(--parley-color-surface-muted, #f2f4f8));
  }
  [part='base'] {
    display: flex;
    flex-direction: column;
    height: 100%;
    background: var(--parley-color-surface, #ffffff);
    color: var(--parley-color-on-surface, #18202f);
  }
  [part='header'] {
    padding: var(--parley-space-3, 12px) var(--parley-space-4, 16px);
    background: var(--parley-color-primary, #2f5bd3);
    color: var(--parley-color-on-primary, #ffffff);
  }
  [part='header'] h2 {
    margin: 0;
    font-size: var(--parley-font-size-lg, 16px);
  }
  :host([compact]) [part='header'] {
    padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
    border-radius: var(--parley-radius-md, 8px);
  }
  :host([compact]) [part='header'] p {
    margin: 0;
  }
  [part='header'] p {
    margin: var(--parley-space-1, 4px) 0 0;
    font-size: var(--parley-font-size-sm, 13px);
    opacity: 0.9;
  }
  [part='messages'] {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: var(--parley-space-3, 12px);
    display: flex;
    flex-direction: column;
    gap: var(--parley-space-2, 8px);
  }
  .empty {
    align-self: center;
    text-align: center;
    color: var(--_muted);
    font-size: var(--parley-font-size-sm, 13px);
  }
  [part~='bubble'] {
    max-width: 82%;
    padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
    border-radius: var(--_bubble-radius);
    background: var(--_theirs);
    overflow-wrap: anywhere;
  }
  [part~='bubble'].mine {
    align-self: flex-end;
    background: var(--_mine);
    color: var(--_on-mine);
  }
  .body {
    white-space: pre-wrap;
  }
  .status {
    display: block;
    margin-top: 2px;
    font-size: var(--parley-font-size-xs, 11px);
    opacity: 0.85;
  }
  .failed {
    border: 0;
    padding: 0;
    background: none;
    color: inherit;
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }
  .typing {
    min-height: 1.4em;
    padding: 0 var(--parley-space-3, 12px);
    color: var(--_muted);
    font-size: var(--parley-font-size-sm, 13px);
  }
`
