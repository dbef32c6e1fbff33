import { css } from 'lit'

export const launcherStyles = css`
  :host {
    --_size: var(--parley-launcher-size, 56px);
    --_offset: var(--parley-launcher-offset, 20px);
    --_bg: var(--parley-launcher-background, var(--parley-color-primary, #2f5bd3));
    --_fg: var(--parley-launcher-color, var(--parley-color-on-primary, #ffffff));
    --_panel-width: var(--parley-launcher-panel-width, 380px);
    --_panel-height: var(--parley-launcher-panel-height, min(640px, calc(100dvh - 120px)));
    --_radius: var(--parley-launcher-panel-radius, var(--parley-radius-lg, 14px));
    --_logo-background: var(--parley-launcher-logo-background, #ffffff);
  }
  [popover] {
    margin: 0;
    padding: 0;
    border: 0;
    overflow: visible;
    background: transparent;
    color: inherit;
  }
  [part='base'] {
    display: contents;
  }
  [part='dock'] {
    position: fixed;
    inset: auto var(--_offset) var(--_offset) auto;
  }
  :host([position='bottom-left']) [part='dock'] {
    inset: auto auto var(--_offset) var(--_offset);
  }
  [part='button'] {
    position: relative;
    display: grid;
    place-items: center;
    width: var(--_size);
    height: var(--_size);
    border: 0;
    border-radius: var(--parley-radius-pill, 999px);
    background: var(--_bg);
    color: var(--_fg);
    box-shadow: var(--parley-shadow-3, 0 12px 32px #0003);
    cursor: pointer;
    transition: transform var(--parley-duration-fast, 120ms) var(--parley-easing, ease);
  }
  [part='button']:hover {
    transform: scale(1.05);
  }
  [part='button'] svg {
    width: 26px;
    height: 26px;
  }
  parley-badge {
    position: absolute;
    top: -2px;
    right: -2px;
  }
  [part='panel'] {
    position: fixed;
    inset: auto var(--_offset) calc(var(--_offset) + var(--_size) + 12px) auto;
    display: none;
    flex-direction: column;
    width: var(--_panel-width);
    height: var(--_panel-height);
    min-width: 300px;
    min-height: 320px;
    max-width: calc(100vw - 2 * var(--_offset));
    max-height: calc(100dvh - var(--_size) - 3 * var(--_offset));
    overflow: hidden;
    resize: both;
    direction: rtl; /* the resize grip sits bottom-left, away from the screen edge */
    border: 1px solid var(--parley-color-border, #d5dae3);
    border-radius: var(--_radius);
    background: var(--parley-color-surface, #ffffff);
    box-shadow: var(--parley-shadow-3, 0 12px 32px #0003);
  }
  [part='panel']:focus {
    /* It holds focus only as a fallback (see the component); its content shows the focus ring. */
    outline: none;
  }
  [part='panel']:popover-open {
    display: flex;
  }
  [part='panel'] > * {
    direction: ltr;
  }
  :host([position='bottom-left']) [part='panel'] {
    inset: auto auto calc(var(--_offset) + var(--_size) + 12px) var(--_offset);
    direction: ltr;
  }
  [part='header'] {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--parley-space-2, 8px);
    padding: var(--parley-space-3, 12px) var(--parley-space-4, 16px);
    background: var(--_bg);
    color: var(--_fg);
  }
  .title {
    display: flex;
    align-items: center;
    gap: var(--parley-space-3, 12px);
    min-width: 0;
  }
  h2 {
    min-width: 0;
    overflow-wrap: anywhere;
    margin: 0;
    font-size: var(--parley-font-size-lg, 16px);
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .close {
    display: grid;
    place-items: center;
    width: 32px;
    height: 32px;
    border: 0;
    border-radius: var(--parley-radius-sm, 4px);
    background: transparent;
    color: inherit;
    font-size: 22px;
    line-height: 1;
    cursor: pointer;
  }
  .close:focus-visible {
    outline-color: var(--_fg);
  }
  [part='body'] {
    flex: 1;
    min-height: 0;
    overflow: auto;
    color: var(--parley-color-on-surface, #18202f);
  }
  [part='body'] > slot {
    display: block;
    box-sizing: border-box;
    /* A slotted widget (a chat) can fill the panel with height: 100%. */
    height: 100%;
    padding: var(--parley-space-4, 16px);
  }
  :host([flush]) [part='body'] > slot {
    padding: 0;
  }
  @media (max-width: 640px) {
    [part='panel'] {
      inset: 0;
      width: 100vw;
      height: 100dvh;
      max-width: none;
      max-height: none;
      min-width: 0;
      border: 0;
      border-radius: 0;
      resize: none;
    }
    :host([position='bottom-left']) [part='panel'] {
      inset: 0;
    }
  }
  .sentinel {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
  }
  @media (prefers-reduced-motion: reduce) {
    [part='button'] {
      transition: none;
    }
  }
`
