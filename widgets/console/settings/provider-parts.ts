import { html, css, nothing } from 'lit'
import { localeFor } from '../../kit/localize.js'
import type { ProblemDetail } from '../api.js'

/** GET /v1/providers: each provider's state, never a secret. */
export interface ProvidersState {
  openai: OpenAIState
  stripe: StripeState
  whatsapp: { numbers: number; connected: number; byStatus: Record<string, number> }
}

export interface OpenAIState {
  configured: boolean
  source: 'tenant' | 'platform' | null
  baseUrl: string | null
  models: { transcription: string; summary: string; classification: string }
  updatedAt: string | null
}

export interface StripeState {
  configured: boolean
  ready: boolean
  mode: 'connect' | 'own' | null
  accountId: string | null
  livemode: boolean | null
  publishableKey: string | null
  verifiedAt: string | null
  connectAvailable: boolean
}

/** A notice above a provider's form. */
export interface Notice {
  kind: 'ok' | 'error'
  text: string
}

/** A provider's settings were saved: the page reads the providers' state again. */
export class ConsoleProviderChangedEvent extends Event {
  constructor(readonly provider: 'openai' | 'stripe') {
    super('console-provider-changed', { bubbles: true, composed: true })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'console-provider-changed': ConsoleProviderChangedEvent
  }
}

export const dateTime = (iso: string) =>
  new Intl.DateTimeFormat(localeFor(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso)
  )

/** The server's words for a field it refused, if it did. */
export const fieldError = (errors: ProblemDetail[], field: string) =>
  errors.find((d) => d.field === field)?.message

/** A refused field's words under it (a new element each time, so role=alert announces it). */
export const fieldErrors = (errors: ProblemDetail[], field: string) => {
  const message = fieldError(errors, field)
  return message ? html`<p class="error" id="${field}-error" role="alert">${message}</p>` : nothing
}

export const notice = (n?: Notice) =>
  n
    ? html`<p class="alert ${n.kind}" role=${n.kind === 'ok' ? 'status' : 'alert'}>${n.text}</p>`
    : nothing

/** A coloured dot before a state in words (the words carry the meaning; the dot repeats it). */
export const stateDot = (level: 'ok' | 'warn' | 'off') =>
  html`<span class="dot ${level}" aria-hidden="true"></span>`

/** What the provider cards share: cards, forms, facts, state dots. */
export const providerStyles = css`
  :host {
    display: block;
  }
  .card,
  .form {
    display: grid;
    gap: var(--parley-space-3, 12px);
  }
  .field {
    display: grid;
    gap: var(--parley-space-1, 4px);
    max-width: 520px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--parley-space-2, 8px);
  }
  code {
    font-family: var(--parley-font-family-mono, monospace);
    overflow-wrap: anywhere;
  }
  dl {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: var(--parley-space-1, 4px) var(--parley-space-4, 16px);
    margin: 0;
  }
  dt {
    color: var(--parley-color-on-surface-muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .state {
    display: flex;
    align-items: center;
    gap: var(--parley-space-2, 8px);
  }
  .dot {
    flex: none;
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: var(--parley-color-on-surface-muted);
  }
  .dot.ok {
    background: var(--parley-color-success);
  }
  .dot.warn {
    background: var(--parley-color-warning);
  }
  .dot.off {
    background: var(--parley-color-danger);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--parley-space-2, 8px) var(--parley-space-4, 16px);
  }
  legend {
    font-weight: var(--parley-font-weight-strong, 600);
    font-size: var(--parley-font-size-sm, 13px);
    margin-bottom: var(--parley-space-1, 4px);
  }
  fieldset label {
    font-weight: normal;
    display: inline-flex;
    gap: var(--parley-space-1, 4px);
    align-items: center;
    min-height: 32px;
  }
`
