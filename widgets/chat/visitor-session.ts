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
 * What the chat tells the server of the visitor's browser, so agents can tell visitors apart
 * (the User-Agent says the browser): their time zone (a place), language and page. The page goes
 * without its query string or fragment, which may carry tokens or personal data.
 */
export function visitorContext() {
  const context: { timeZone?: string; language?: string; page?: string } = {}
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone
  if (timeZone) context.timeZone = timeZone
  if (navigator.language) context.language = navigator.language
  const page = `${location.origin}${location.pathname}`
  if (/^https?:/.test(location.protocol) && page.length <= 2048) context.page = page
  return context
}

async function readJson(response: Response) {
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
  return body
}

/**
 * The web chat's API client. The host's signed-in users get their token from the host
 * (`Parley.init({ chatSession })`); anonymous visitors arrive with the publishable key and keep
 * the visitor token the server hands back, so they find their conversation again next visit.
 */
export function visitorClient(options: ParleyOptions, workspace: string) {
  const storageKey = `parley:visitor:${options.publishableKey}:${workspace}`
  const post = (body: Record<string, unknown>) => {
    const url = new URL('/v1/chat/visitors', options.apiUrl)
    url.searchParams.set('key', options.publishableKey)
    return fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }).then(readJson)
  }
  const arrive = async () => {
    const visitorToken = localStore.get(storageKey) ?? undefined
    const body = { workspace, ...(visitorToken ? { visitorToken } : {}) }
    const arrived = await post({ ...body, visitor: visitorContext() }).catch((error) => {
      // A browser reporting something the server will not take must not keep its visitor out.
      const aboutVisitor = (error as ParleyApiError).details?.some((d) =>
        d.field?.startsWith('visitor')
      )
      if (aboutVisitor) return post(body)
      throw error
    })
    localStore.set(storageKey, arrived.visitorToken)
    return arrived.token as string
  }
  return {
    client: new ApiClient({ baseUrl: options.apiUrl, session: options.chatSession ?? arrive }),
    /** Whether this browser has chatted here before (or the host vouches for the user). */
    known: () => Boolean(options.chatSession) || localStore.get(storageKey) !== null,
  }
}

/** Up to three of the team's people, as visitors see them. */
export interface ChatPerson {
  name: string
  avatarUrl: string | null
}

/** What the chat shows before anyone writes, and what it asks of visitors (docs/web-chat.md). */
export interface ChatProfile {
  /** The team's name for visitors (the workspace's, or one set for the chat). */
  name: string | null
  team: ChatPerson[]
  online: boolean
  replyTime: 'minutes' | 'hour' | 'day'
  preChat: { ask: 'off' | 'email' | 'nameAndEmail'; required: boolean }
  /** Seconds without a reply before the chat asks for an email; null: never. */
  emailCaptureSeconds: number | null
}

/**
 * The chat's profile: a signed-in user's through their token, an anonymous visitor's with the
 * publishable key alone (no visitor is made just by opening the page).
 */
export async function loadProfile(options: ParleyOptions, workspace: string, client: ApiClient) {
  if (options.chatSession) return client.request<ChatProfile>('/v1/chat/workspace')
  const url = new URL(`/v1/chat/workspaces/${encodeURIComponent(workspace)}`, options.apiUrl)
  url.searchParams.set('key', options.publishableKey)
  return readJson(await fetch(url)) as Promise<ChatProfile>
}
