import { css } from 'lit'

/**
 * The first-party apps' frame (the console, the platform admin): skip link, sticky header, the
 * navigation beside the page (a disclosure under 760 px), the main region.
 */
export const appShellStyles = css`
  :host {
    display: block;
    min-height: 100dvh;
    background: var(--parley-color-surface-muted, #f2f4f8);
  }
  .skip {
    position: absolute;
    inset-inline-start: 8px;
    top: -48px;
    z-index: 30;
  }
  .skip:focus {
    top: 8px;
  }
  header {
    display: flex;
    align-items: center;
    gap: var(--parley-space-3, 12px);
    padding: var(--parley-space-2, 8px) var(--parley-space-4, 16px);
    background: var(--parley-color-surface, #fff);
    border-bottom: 1px solid var(--parley-color-border, #d5dae3);
    position: sticky;
    top: 0;
    z-index: 10;
  }
  .tenant {
    font-weight: var(--parley-font-weight-strong, 600);
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .layout {
    display: grid;
    grid-template-columns: 220px minmax(0, 1fr);
  }
  nav ul {
    list-style: none;
    margin: 0;
    padding: var(--parley-space-3, 12px);
    display: grid;
    gap: 2px;
    position: sticky;
    top: 57px;
  }
  nav a {
    display: block;
    padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
    border-radius: var(--parley-radius-md, 8px);
    color: inherit;
    text-decoration: none;
  }
  nav a:hover {
    background: var(--parley-color-surface, #fff);
  }
  nav a[aria-current='page'] {
    background: var(--parley-color-surface, #fff);
    color: var(--parley-color-primary, #2f5bd3);
    font-weight: var(--parley-font-weight-strong, 600);
    box-shadow: inset 3px 0 0 var(--parley-color-primary, #2f5bd3);
  }
  main {
    padding: var(--parley-space-5, 20px);
    min-width: 0;
  }
  main:focus {
    outline: none;
  }
  #menu-toggle {
    display: none;
  }
  .loading {
    display: grid;
    place-items: center;
    min-height: 100dvh;
  }
  @media (max-width: 760px) {
    #menu-toggle {
      display: inline-flex;
    }
    .layout {
      grid-template-columns: minmax(0, 1fr);
    }
    nav {
      display: none;
      border-bottom: 1px solid var(--parley-color-border, #d5dae3);
      background: var(--parley-color-surface, #fff);
    }
    nav.open {
      display: block;
    }
    nav ul {
      position: static;
    }
    main {
      padding: var(--parley-space-3, 12px);
    }
  }
`
