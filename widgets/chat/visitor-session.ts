import { ApiClient } from '../kit/api-client.js'
import { ParleyApiError } from '../kit/errors.js'
import type { ParleyOptions } from '../kit/runtime.js'
import { localStore } from '../kit/shared/local-store.js'

/** What a visitor token (`c1.…`) says about its holder. */
export interface VisitorClaims {
  tenantId: string
  workspaceId: string
  contactId: string
}

export function visitorClaims(token: string): VisitorClaims {
  const payload = token.split('.')[1] ?? ''
  return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')))
}

/**
 * The web chat's API client. The host's signed-in users get their token from the host
 * (`Parley.init({ chatSession })`); anonymous visitors arrive with the publishable key and keep
 * the visitor token the server hands back, so they find their conversation again next visit.
 */
export function visitorClient(options: ParleyOptions, workspace: string) {
  const storageKey = `parley:visitor:${options.publishableKey}:${workspace}`
  const arrive = async () => {
    const url = new URL('/v1/chat/visitors', options.apiUrl)
    url.searchParams.set('key', options.publishableKey)
    const visitorToken = localStore.get(storageKey) ?? undefined
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ workspace, ...(visitorToken ? { visitorToken } : {}) }),
    })
    const body = await response.json().catch(() => null)
    if (!response.ok) {
      const e = body?.error
      throw new ParleyApiError(
        e?.code ?? 'BAD_REQUEST',
        e?.message ?? response.statusText,
        response.status,
        e?.details ?? [],
        e?.requestId
      )
    }
    localStore.set(storageKey, body.visitorToken)
    return body.token as string
  }
  return {
    client: new ApiClient({ baseUrl: options.apiUrl, session: options.chatSession ?? arrive }),
    /** Whether this browser has chatted here before (or the host vouches for the user). */
    known: () => Boolean(options.chatSession) || localStore.get(storageKey) !== null,
  }
}
