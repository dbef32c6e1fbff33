import { iso } from '#transformers/time'
import type WhatsAppNumber from '#models/whatsapp_number'
import { pacingOf } from '#services/whatsapp/pacing'

/**
 * A connected number as the API shows it; `qr` and `pairingCode` only while pairing; `reason` a
 * stable code for why it is not connected, `error` WhatsApp's raw message.
 */
export const WhatsAppNumberTransformer = {
  transform: (
    n: WhatsAppNumber,
    live: { qr?: string | null; pairingCode?: string | null } = {}
  ) => ({
    id: n.id,
    label: n.label,
    // A number just created has no value read back for its nullable columns: null, not absent.
    phone: n.phone ?? null,
    status: n.status,
    error: n.lastError ?? null,
    reason: n.lastErrorReason ?? null,
    qr: n.status === 'qr' ? (live.qr ?? null) : null,
    pairingCode: n.status === 'qr' ? (live.pairingCode ?? null) : null,
    pacing: pacingOf(n.pacing),
    groupsEnabled: n.groupsEnabled,
    warmupStartedAt: iso(n.warmupStartedAt),
    connectedAt: iso(n.connectedAt),
    createdAt: iso(n.createdAt),
    updatedAt: iso(n.updatedAt),
  }),
}
