import { css } from 'lit'

/**
 * Styles every Parley element starts from: typography and colour from the global tokens (with
 * built-in fallbacks so an element renders sensibly before the theme arrives), a visible focus
 * ring, and no inheritance of the host page's text styles.
 */
export const baseStyles = css`
  :host {
    box-sizing: border-box;
    /* The tenant's font leads even before (or without) the theme's stack. */
    font-family: var(--parley-font-family, var(--parley-font-family-brand,) system-ui, sans-serif);
    font-size: var(--parley-font-size-md, 14px);
    line-height: var(--parley-line-height, 1.45);
    font-weight: var(--parley-font-weight-regular, 400);
    color: var(--parley-color-on-surface, #18202f);
    text-align: start;
    /* A page rule such as \`* { letter-spacing: … }\` reaches the host element itself and beats a
       plain :host rule; an important one here wins over the page's (inner context), and these are
       never meant to come from outside (the theme's tokens are). */
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-transform: none !important;
    text-indent: 0 !important;
    text-shadow: none !important;
    font-style: normal !important;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--parley-color-focus, #2f5bd3);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`
