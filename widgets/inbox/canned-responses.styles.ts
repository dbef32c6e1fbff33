import { css } from 'lit'

/** The canned responses manager's look: toolbar, list, the form in place (its own element renders here). */
export const cannedResponsesStyles = css`
  :host {
    display: block;
    padding: var(--parley-space-3, 12px);
    overflow-y: auto;
    --_border: var(--parley-color-border, #d5dae3);
    --_muted: var(--parley-color-on-surface-muted, #586174);
    --_danger: var(--parley-color-danger, #c62828);
  }
  [part='base'] {
    display: grid;
    gap: var(--parley-space-3, 12px);
    max-width: 720px;
  }
  h2 {
    margin: 0;
    font-size: var(--parley-font-size-lg, 16px);
  }
  .hint {
    margin: var(--parley-space-1, 4px) 0 0;
    color: var(--_muted);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--parley-space-2, 8px);
    align-items: center;
  }
  .toolbar input {
    flex: 1 1 200px;
    min-width: 0;
    min-height: 36px;
    font: inherit;
    color: inherit;
    background: var(--parley-color-surface, #ffffff);
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-md, 8px);
    padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
  }
  [part='list'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--parley-space-2, 8px);
  }
  [part='list'] > li {
    padding: var(--parley-space-3, 12px);
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-md, 8px);
    background: var(--parley-color-surface, #ffffff);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--parley-space-2, 8px);
    align-items: flex-start;
    justify-content: space-between;
  }
  /* Narrow (a phone, the launcher): the actions go under the text rather than squeeze it. */
  .text {
    flex: 1 1 16rem;
    min-width: 0;
  }
  .shortcut {
    font:
      600 var(--parley-font-size-sm, 13px) / 1.4 ui-monospace,
      monospace;
    color: var(--parley-color-primary, #2f5bd3);
    overflow-wrap: anywhere;
  }
  .body {
    margin: var(--parley-space-1, 4px) 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 3;
    line-clamp: 3;
    overflow: hidden;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--parley-space-1, 4px);
    flex-shrink: 0;
  }
  [part='editor'] {
    display: grid;
    gap: var(--parley-space-2, 8px);
    padding: var(--parley-space-3, 12px);
    border: 1px solid var(--parley-color-primary, #2f5bd3);
    border-radius: var(--parley-radius-md, 8px);
    background: var(--parley-color-surface, #ffffff);
  }
  parley-canned-response-editor {
    display: block;
  }
  [part='list'] [part='editor'] {
    padding: 0;
    border: 0;
  }
  [part='editor'] h3 {
    margin: 0;
    font-size: var(--parley-font-size-md, 14px);
  }
  .field {
    display: grid;
    gap: var(--parley-space-1, 4px);
  }
  .field label {
    font-size: var(--parley-font-size-sm, 13px);
    font-weight: var(--parley-font-weight-strong, 600);
  }
  textarea {
    min-height: 96px;
    resize: vertical;
    font: inherit;
    color: inherit;
    background: var(--parley-color-surface, #ffffff);
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-md, 8px);
    padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
  }
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .field-help {
    margin: 0;
    color: var(--_muted);
    font-size: var(--parley-font-size-xs, 12px);
  }
  .field-error,
  .error {
    margin: 0;
    color: var(--_danger);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .empty {
    margin: 0;
    padding: var(--parley-space-4, 16px);
    text-align: center;
    color: var(--_muted);
    border: 1px dashed var(--_border);
    border-radius: var(--parley-radius-md, 8px);
  }
  .more {
    justify-self: center;
  }
`
