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
    --_header-bg: var(--parley-chat-header-background, var(--parley-color-primary, #2f5bd3));
    --_header-fg: var(--parley-chat-header-color, var(--parley-color-on-primary, #ffffff));
    --_logo-background: var(--parley-chat-logo-background, #ffffff);
  }
  [part='base'] {
    display: flex;
    flex-direction: column;
    height: 100%;
    background: var(--parley-color-surface, #ffffff);
    color: var(--parley-color-on-surface, #18202f);
  }
  [part='header'] {
    display: flex;
    /* A wide logo beside the team leaves its name too little room: the name takes a row of its own. */
    flex-wrap: wrap;
    align-items: center;
    gap: var(--parley-space-3, 12px);
    padding: var(--parley-space-3, 12px) var(--parley-space-4, 16px);
    background: var(--_header-bg);
    color: var(--_header-fg);
  }
  :host([compact]) [part='header'] {
    padding-top: 0;
  }
  [part='team'] {
    display: flex;
    flex: none;
  }
  [part='team'] parley-avatar {
    position: relative;
    --parley-avatar-size: 34px;
    border-radius: 50%;
    /* A ring of the header's colour keeps overlapping faces apart. */
    box-shadow: 0 0 0 2px var(--_header-bg);
  }
  [part='team'] parley-avatar + parley-avatar {
    margin-inline-start: -6px;
  }
  /* The first face on top, as a stack reads from its start. */
  [part='team'] parley-avatar:nth-child(1) {
    z-index: 3;
  }
  [part='team'] parley-avatar:nth-child(2) {
    z-index: 2;
  }
  .team-text {
    flex: 1 1 12rem;
    min-width: 0;
  }
  [part='header'] h2 {
    margin: 0;
    font-size: var(--parley-font-size-lg, 16px);
    font-weight: var(--parley-font-weight-strong, 600);
  }
  [part='header'] p {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--parley-space-2, 8px);
    margin: 2px 0 0;
    font-size: var(--parley-font-size-sm, 13px);
  }
  .online {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .dot {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--parley-color-success, #1f8a4c);
    box-shadow: 0 0 0 2px var(--_header-fg);
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
  /* Lines nobody wrote: centred, muted, no bubble, so they never read as the visitor's. */
  [part='notice'] {
    align-self: center;
    max-width: 90%;
    margin: var(--parley-space-1, 4px) 0;
    text-align: center;
    color: var(--_muted);
    font-size: var(--parley-font-size-sm, 13px);
    line-height: 1.45;
  }
  [part='author'] {
    display: flex;
    align-items: center;
    gap: var(--parley-space-2, 8px);
    margin-top: var(--parley-space-2, 8px);
    color: var(--_muted);
    font-size: var(--parley-font-size-xs, 12px);
    font-weight: var(--parley-font-weight-strong, 600);
  }
  [part~='bubble'] {
    max-width: 82%;
    padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
    border-radius: var(--_bubble-radius);
    background: var(--_theirs);
    color: var(--parley-color-on-surface, #18202f);
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
  [part='pre-chat'],
  [part='email-prompt'] {
    display: grid;
    gap: var(--parley-space-3, 12px);
    padding: var(--parley-space-4, 16px);
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-lg, 14px);
    background: var(--parley-color-surface, #ffffff);
  }
  [part='pre-chat'] {
    margin: 0 var(--parley-space-3, 12px) var(--parley-space-3, 12px);
    box-shadow: var(--parley-shadow-1, 0 1px 3px #0001);
  }
  [part='email-prompt'] {
    margin: var(--parley-space-2, 8px) 0;
  }
  [part='pre-chat'] h3 {
    margin: 0;
    font-size: var(--parley-font-size-md, 14px);
  }
  [part='pre-chat'] p,
  [part='email-prompt'] p {
    margin: 0;
    color: var(--_muted);
    font-size: var(--parley-font-size-sm, 13px);
  }
  [part='email-prompt'] > p {
    color: var(--parley-color-on-surface, #18202f);
  }
  .actions {
    display: flex;
    justify-content: flex-end;
    flex-wrap: wrap;
    gap: var(--parley-space-2, 8px);
  }
  .form-error {
    color: var(--parley-color-danger, #c2261f);
  }
`
