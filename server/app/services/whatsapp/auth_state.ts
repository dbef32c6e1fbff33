import encryption from '@adonisjs/core/services/encryption'
import {
  BufferJSON,
  initAuthCreds,
  proto,
  type AuthenticationCreds,
  type AuthenticationState,
  type SignalDataTypeMap,
} from '@whiskeysockets/baileys'
import { withTenant } from '#services/tenant_context'

/** Which number's credentials: the scope its rows live in. */
export interface NumberScope {
  tenantId: string
  workspaceId: string
  numberId: string
}

const seal = (value: unknown) => encryption.encrypt(JSON.stringify(value, BufferJSON.replacer))
const open = <T>(sealed: string): T | null => {
  const json = encryption.decrypt<string>(sealed)
  return json === null ? null : (JSON.parse(json, BufferJSON.reviver) as T)
}

/**
 * Baileys' authentication state (the linked device's credentials and the Signal keys), kept in
 * PostgreSQL rather than in files, each value sealed with AES-256-GCM under APP_KEY, so another
 * process (or the same one after a restart) resumes the session without a new QR code.
 */
export async function useDatabaseAuthState(scope: NumberScope, connection = 'app') {
  const { tenantId, workspaceId, numberId } = scope
  const run = <T>(work: Parameters<typeof withTenant<T>>[1]) =>
    withTenant({ tenantId, workspaceId }, work, connection)

  const read = (keys: string[]) =>
    run((trx) =>
      trx
        .from('whatsapp_auth')
        .where('tenant_id', tenantId)
        .where('number_id', numberId)
        .whereIn('key', keys)
        .select('key', 'sealed')
    )

  const write = (entries: [string, unknown | null][]) =>
    run(async (trx) => {
      const gone = entries.filter(([, value]) => value === null || value === undefined)
      const kept = entries.filter(([, value]) => value !== null && value !== undefined)
      if (gone.length) {
        await trx
          .from('whatsapp_auth')
          .where('tenant_id', tenantId)
          .where('number_id', numberId)
          .whereIn(
            'key',
            gone.map(([key]) => key)
          )
          .delete()
      }
      if (kept.length) {
        await trx
          .table('whatsapp_auth')
          .insert(
            kept.map(([key, value]) => ({
              tenant_id: tenantId,
              workspace_id: workspaceId,
              number_id: numberId,
              key,
              sealed: seal(value),
              updated_at: new Date(),
            }))
          )
          .onConflict(['tenant_id', 'number_id', 'key'])
          .merge(['sealed', 'updated_at'])
      }
    })

  const [stored] = await read(['creds'])
  const creds: AuthenticationCreds =
    (stored && open<AuthenticationCreds>(stored.sealed)) ?? initAuthCreds()

  const state: AuthenticationState = {
    creds,
    keys: {
      async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
        const rows = await read(ids.map((id) => `${type}:${id}`))
        const found: { [id: string]: SignalDataTypeMap[T] } = {}
        for (const row of rows) {
          let value = open<any>(row.sealed)
          if (value === null) continue
          // App-state keys are protobuf objects; JSON gives back plain data.
          if (type === 'app-state-sync-key')
            value = proto.Message.AppStateSyncKeyData.fromObject(value)
          found[row.key.slice(type.length + 1)] = value
        }
        return found
      },
      async set(data) {
        const entries: [string, unknown][] = []
        for (const [type, values] of Object.entries(data)) {
          for (const [id, value] of Object.entries(values ?? {}))
            entries.push([`${type}:${id}`, value])
        }
        if (entries.length) await write(entries)
      },
      async clear() {
        await run((trx) =>
          trx
            .from('whatsapp_auth')
            .where('tenant_id', tenantId)
            .where('number_id', numberId)
            .delete()
        )
      },
    },
  }
  return {
    state,
    /** Baileys emits `creds.update`; call this then. */
    saveCreds: () => write([['creds', state.creds]]),
    /** Whether a linked device was ever saved (a restart resumes without a QR). */
    registered: Boolean(stored),
  }
}
