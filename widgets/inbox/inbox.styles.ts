import { css } from 'lit'

export const inboxStyles = css`
  /* The list and the thread render into this root: their own boxes stay out of the layout. */
  parley-conversation-list,
  parley-thread {
    display: contents;
  }
  :host {
    display: block;
    height: 100%;
    min-height: 320px;
    container-type: inline-size;
    --_border: var(--parley-color-border, #d5dae3);
    --_muted: var(--parley-color-on-surface-muted, #586174);
    --_bubble-radius: var(--parley-inbox-bubble-radius, var(--parley-radius-lg, 14px));
    --_mine: var(--parley-inbox-own-bubble, var(--parley-color-primary, #2f5bd3));
    --_on-mine: var(--parley-inbox-own-bubble-color, var(--parley-color-on-primary, #ffffff));
    --_theirs: var(--parley-inbox-bubble, var(--parley-color-surface-muted, #f2f4f8));
    --_note: var(--parley-inbox-note, var(--parley-color-warning, #f2b233));
    --_on-note: var(--parley-color-on-warning, #2a1e00);
  }
  [part='base'] {
    position: relative;
    display: grid;
    grid-template-columns: minmax(220px, 320px) 1fr;
    height: 100%;
    background: var(--parley-color-surface, #ffffff);
    color: var(--parley-color-on-surface, #18202f);
  }
  [part='list'] {
    display: flex;
    flex-direction: column;
    min-height: 0;
    border-inline-end: 1px solid var(--_border);
  }
  .search {
    display: flex;
    gap: var(--parley-space-1, 4px);
    align-items: center;
    padding: var(--parley-space-2, 8px);
    border-bottom: 1px solid var(--_border);
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: var(--parley-space-1, 4px) var(--parley-space-2, 8px);
    align-items: center;
    padding: var(--parley-space-1, 4px) var(--parley-space-2, 8px);
    border-bottom: 1px solid var(--_border);
    font-size: var(--parley-font-size-sm, 13px);
    color: var(--_muted);
  }
  /* The two selects share a line, wide enough for "Any status" / "Cualquier estado" unclipped;
     the unread toggle goes under them when the column is narrow. */
  .filters parley-select {
    flex: 1 1 9rem;
    min-width: 0;
    max-width: 14rem;
  }
  .filters label {
    flex: none;
    display: inline-flex;
    gap: 2px;
    align-items: center;
  }
  /* The settings' title follows the back button (no actions at the end). */
  .settings header {
    justify-content: flex-start;
  }
  .search input {
    width: 100%;
    font: inherit;
    color: inherit;
    background: var(--parley-color-surface, #ffffff);
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-md, 8px);
    padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
  }
  .rows {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  .rows ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .rows li {
    /* ROW_HEIGHT in conversation-row.ts: the virtual window counts on it. */
    height: 84px;
  }
  .item {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    grid-template-rows: repeat(3, auto);
    column-gap: var(--parley-space-3, 12px);
    row-gap: 2px;
    align-content: center;
    width: 100%;
    height: 100%;
    padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
    border: 0;
    border-bottom: 1px solid var(--_border);
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .item:hover {
    background: var(--parley-color-surface-muted, #f2f4f8);
  }
  .item[aria-current='true'] {
    background: var(--parley-color-surface-muted, #f2f4f8);
    box-shadow: inset 3px 0 0 var(--parley-color-primary, #2f5bd3);
  }
  .who-avatar {
    grid-row: 1 / span 3;
    align-self: start;
    margin-top: 2px;
    --parley-avatar-size: 36px;
  }
  /* The channel, first on the row's last line. */
  .channel {
    display: inline-grid;
    place-items: center;
    flex-shrink: 0;
    color: var(--_muted);
  }
  .channel.whatsapp {
    color: var(--parley-color-success, #1e7a45);
  }
  .channel svg {
    width: 14px;
    height: 14px;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .item .line {
    display: flex;
    align-items: center;
    gap: var(--parley-space-2, 8px);
    min-width: 0;
    height: 20px;
  }
  .name,
  .preview {
    display: block;
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .name {
    font-weight: var(--parley-font-weight-regular, 400);
  }
  .preview,
  .meta,
  .item time {
    color: var(--_muted);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .item time {
    flex-shrink: 0;
    font-size: var(--parley-font-size-xs, 11px);
    font-variant-numeric: tabular-nums;
  }
  .preview .by {
    color: var(--parley-color-on-surface, #18202f);
  }
  .preview.muted {
    font-style: italic;
  }
  /* Unread: the name, the preview and the time stand out; the count sits at the end. */
  .item.unread .name,
  .item.unread .preview .by {
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .item.unread .preview,
  .item.unread time {
    color: var(--parley-color-on-surface, #18202f);
  }
  .item parley-badge {
    flex-shrink: 0;
  }
  .meta {
    gap: var(--parley-space-1, 4px);
    overflow: hidden;
  }
  .chip {
    flex-shrink: 0;
    max-width: 9em;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    padding: 0 6px;
    border: 1px solid var(--_border);
    border-radius: var(--parley-radius-pill, 999px);
    font-size: var(--parley-font-size-xs, 11px);
    line-height: 16px;
    color: var(--_muted);
  }
  .chip.priority.urgent {
    border-color: transparent;
    background: var(--parley-color-danger, #c2261f);
    color: var(--parley-color-on-danger, #ffffff);
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .chip.priority.high {
    border-color: transparent;
    background: var(--parley-color-warning, #f2b233);
    color: var(--parley-color-on-warning, #2a1e00);
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .chip.state {
    border-style: dashed;
  }
  .assignee {
    display: inline-flex;
    margin-inline-start: auto;
    flex-shrink: 0;
    --parley-avatar-size: 20px;
  }
  /* An empty list's way back (clear the search, the filters). */
  [part='list'] parley-state {
    flex: 1;
  }
  [part='thread'] {
    display: flex;
    flex-direction: column;
    min-height: 0;
    min-width: 0;
  }
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--parley-space-2, 8px);
    padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
    border-bottom: 1px solid var(--_border);
  }
  header h2 {
    margin: 0;
    font-size: var(--parley-font-size-lg, 16px);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .back {
    display: none;
  }
  [part='messages'] {
    flex: 1;
    overflow-y: auto;
    padding: var(--parley-space-3, 12px);
    display: flex;
    flex-direction: column;
    gap: var(--parley-space-2, 8px);
  }
  .day {
    align-self: center;
    color: var(--_muted);
    font-size: var(--parley-font-size-xs, 11px);
    margin: var(--parley-space-2, 8px) 0;
  }
  [part~='bubble'] {
    max-width: 78%;
    padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
    border-radius: var(--_bubble-radius);
    background: var(--_theirs);
    overflow-wrap: anywhere;
  }
  .body {
    white-space: pre-wrap;
  }
  .author {
    display: block;
    font-size: var(--parley-font-size-xs, 11px);
    font-weight: var(--parley-font-weight-strong, 600);
    opacity: 0.85;
  }
  [part~='bubble'].mine {
    align-self: flex-end;
    background: var(--_mine);
    color: var(--_on-mine);
  }
  [part~='bubble'].note {
    align-self: flex-end;
    background: var(--_note);
    color: var(--_on-note);
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
    font-size: var(--parley-font-size-xs, 11px);
    text-decoration: underline;
    cursor: pointer;
  }
  .typing {
    min-height: 1.4em;
    padding: 0 var(--parley-space-3, 12px);
    color: var(--_muted);
    font-size: var(--parley-font-size-sm, 13px);
  }
  .actions {
    display: flex;
    gap: var(--parley-space-1, 4px);
    flex-shrink: 0;
  }
  .earlier {
    align-self: center;
  }
  [part='details'] {
    display: flex;
    flex-direction: column;
    min-height: 0;
    border-inline-start: 1px solid var(--_border);
    background: var(--parley-color-surface, #ffffff);
  }
  [part='base'].with-details {
    grid-template-columns: minmax(220px, 320px) 1fr minmax(240px, 280px);
  }
  .placeholder {
    display: grid;
    place-items: center;
    height: 100%;
    color: var(--_muted);
  }
  :host([conversation]) [part='base'] {
    grid-template-columns: 1fr;
  }
  :host([conversation]) [part='base'].with-details {
    grid-template-columns: 1fr minmax(240px, 280px);
  }
  /* Narrower: the details panel lies over the thread instead of beside it. */
  @container (max-width: 1000px) {
    [part='base'].with-details,
    :host([conversation]) [part='base'].with-details {
      grid-template-columns: minmax(220px, 320px) 1fr;
    }
    :host([conversation]) [part='base'].with-details {
      grid-template-columns: 1fr;
    }
    [part='details'] {
      position: absolute;
      inset: 0 0 0 auto;
      width: min(300px, 100%);
      box-shadow: var(--parley-shadow-2, 0 4px 12px #0003);
      z-index: 1;
    }
  }
  :host([conversation]) [part='list'] {
    display: none;
  }
  @container (max-width: 640px) {
    [part='base'] {
      grid-template-columns: 1fr;
    }
    [part='base'].showing-thread [part='list'],
    [part='base']:not(.showing-thread) [part='thread'] {
      display: none;
    }
    .back {
      display: inline-block;
    }
    :host([conversation]) .back {
      display: none;
    }
  }
`
