import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Tenant from '#models/tenant'
import type { Widget } from '#models/tenant'
import type { Role } from '#models/member'
import type { ActorType } from '#models/audit_event'

/**
 * The authenticated context of a request, bound once by the auth middleware and read everywhere
 * else. `trx` is the request's transaction, already scoped for row-level security.
 */
export interface Tenancy {
  tenantId: string
  tenant: Tenant
  trx: TransactionClientContract
  actor: { type: ActorType | 'publishable_key' | 'visitor'; id: string }
  workspaceId?: string
  memberId?: string
  /** A web chat visitor's contact (visitor tokens only). */
  contactId?: string
  /** The secret key that minted the session. */
  keyId?: string
  role?: Role
  widgets?: Widget[]
}

/** A web chat visitor's Tenancy: one contact of one workspace. */
export type VisitorTenancy = Tenancy &
  Required<Pick<Tenancy, 'workspaceId' | 'contactId' | 'keyId'>>

/** The session half of a Tenancy, for routes behind the session token. */
export type SessionTenancy = Tenancy &
  Required<Pick<Tenancy, 'workspaceId' | 'memberId' | 'role' | 'widgets' | 'keyId'>>

declare module '@adonisjs/core/http' {
  interface HttpContext {
    tenancy: Tenancy
    /** The member session of a widget route (session token): `tenancy`, typed (session_token_middleware). */
    readonly member: SessionTenancy
    /** The web chat visitor of a chat route (visitor token): `tenancy`, typed. */
    readonly visitor: VisitorTenancy
  }
}
