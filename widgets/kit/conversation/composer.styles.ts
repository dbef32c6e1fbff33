import { css } from 'lit'

/** The composer's look: the box, suggestions and uploads (the emoji grid styles itself). */
export const composerStyles = css`
  :host {
    display: block;
    --_border: var(--parley-color-border, #d5dae3);
    --_muted: var(--parley-color-on-surface-muted, #586174);
  }
  [part='composer'] {
    position: relative;
    display: grid;
    grid-template-columns: 1fr auto;
    gap: var(--parley-space-2, 8px);
    padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px) var(--parley-space-3, 12px);
    border-top: 1px solid var(--_border);
  }
  [part='composer'].dropping {
    outline: 2px dashed var(--parley-color-primary, #2f5bd3);
    outline-offset: -4px;
  }
  textarea {
    width: 100%;
    resize: none;
    min-height: 40px;
    max-height: 160px;
    font: inherit;
    color: inherit;
    background: var(--parley-color-surface, #ffffff);
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-md, 8px);
    padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
  }
  .tools {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    gap: var(--parley-space-2, 8px);
    align-items: center;
    color: var(--_muted);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .note-toggle {
    display: flex;
    gap: var(--parley-space-1, 4px);
    align-items: center;
  }
  .emoji {
    grid-column: 1 / -1;
  }
  .suggestions {
    grid-column: 1 / -1;
    list-style: none;
    margin: 0;
    padding: 0;
    max-height: 180px;
    overflow-y: auto;
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-md, 8px);
    background: var(--parley-color-surface, #ffffff);
    box-shadow: var(--parley-shadow-2, 0 4px 12px #0003);
  }
  .suggestions li {
    padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
    cursor: pointer;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .suggestions li[aria-selected='true'] {
    background: var(--parley-color-surface-muted, #f2f4f8);
  }
  .suggestions span {
    color: var(--_muted);
  }
  [part='uploads'] {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    gap: var(--parley-space-2, 8px);
    list-style: none;
    margin: 0;
    padding: 0;
  }
  [part='uploads'] li {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 2px var(--parley-space-2, 8px);
    align-items: center;
    max-width: 220px;
    padding: var(--parley-space-1, 4px) var(--parley-space-2, 8px);
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-md, 8px);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .upload-name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .upload-state {
    grid-column: 1 / -1;
    color: var(--_muted);
    font-size: var(--parley-font-size-xs, 11px);
  }
  .upload-state.error {
    color: var(--parley-color-danger, #c62828);
  }
  progress {
    grid-column: 1 / -1;
    width: 100%;
    height: 4px;
    accent-color: var(--parley-color-primary, #2f5bd3);
  }
  .remove {
    border: 0;
    background: none;
    color: inherit;
    cursor: pointer;
    font-size: 16px;
    line-height: 1;
  }
  input[type='file'] {
    display: none;
  }
`
