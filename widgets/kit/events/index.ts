/**
 * Parley's events. Native names where the behaviour is native (`input`, `change`); otherwise
 * `parley-<noun>-<past verb>`. Every one bubbles and is composed, so a host page can listen on
 * `document` or on the element, across the shadow boundary.
 */

const init = { bubbles: true, composed: true }

/** The launcher's panel opened. */
export class ParleyLauncherOpenedEvent extends Event {
  static readonly type = 'parley-launcher-opened'
  constructor(public widget: string | null) {
    super(ParleyLauncherOpenedEvent.type, init)
  }
}

/** The launcher's panel closed (Escape, the close button, or `close()`). */
export class ParleyLauncherClosedEvent extends Event {
  static readonly type = 'parley-launcher-closed'
  constructor(public widget: string | null) {
    super(ParleyLauncherClosedEvent.type, init)
  }
}

/**
 * What a widget's user has not read changed (replies in the web chat, conversations in the
 * inbox). A launcher hosting the widget shows `count` as its badge; a host page may too.
 */
export class ParleyUnreadChangedEvent extends Event {
  static readonly type = 'parley-unread-changed'
  constructor(public count: number) {
    super(ParleyUnreadChangedEvent.type, init)
  }
}

/** A dialog closed; `value` is the dialog's return value, if any. */
export class ParleyDialogClosedEvent extends Event {
  static readonly type = 'parley-dialog-closed'
  constructor(public value: string) {
    super(ParleyDialogClosedEvent.type, init)
  }
}

/** The user chose an item of a list (click, Enter or Space). */
export class ParleyItemSelectedEvent extends Event {
  static readonly type = 'parley-item-selected'
  constructor(
    public item: HTMLElement,
    public value: string | null
  ) {
    super(ParleyItemSelectedEvent.type, init)
  }
}

/** The user asked to retry what failed (an error state's button). */
export class ParleyRetryRequestedEvent extends Event {
  static readonly type = 'parley-retry-requested'
  constructor() {
    super(ParleyRetryRequestedEvent.type, init)
  }
}

/** A widget could not do something; `code` is the contract's error code. */
export class ParleyErrorEvent extends Event {
  static readonly type = 'parley-error'
  constructor(
    public code: string,
    public message: string,
    public requestId?: string
  ) {
    super(ParleyErrorEvent.type, init)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'parley-launcher-opened': ParleyLauncherOpenedEvent
    'parley-launcher-closed': ParleyLauncherClosedEvent
    'parley-unread-changed': ParleyUnreadChangedEvent
    'parley-dialog-closed': ParleyDialogClosedEvent
    'parley-item-selected': ParleyItemSelectedEvent
    'parley-retry-requested': ParleyRetryRequestedEvent
    'parley-error': ParleyErrorEvent
  }
}
