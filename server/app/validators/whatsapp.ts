import vine from '@vinejs/vine'
import { cursor, notBlank, pageLimit, UUID_PATTERN } from '#validators/rules'

const pacing = () =>
  vine
    .object({
      minIntervalSeconds: vine.number({ strict: true }).range([1, 3600]).optional(),
      jitterSeconds: vine.number({ strict: true }).range([0, 3600]).optional(),
      dailyCap: vine.number({ strict: true }).withoutDecimals().range([1, 100_000]).optional(),
      warmupDays: vine.number({ strict: true }).withoutDecimals().range([1, 90]).optional(),
      warmupStartPerDay: vine
        .number({ strict: true })
        .withoutDecimals()
        .range([1, 100_000])
        .optional(),
    })
    .optional()

export const createNumberValidator = vine.create(
  vine.object({
    label: vine.string().trim().minLength(1).maxLength(100),
    pacing: pacing(),
    groupsEnabled: vine.boolean({ strict: true }).optional(),
  })
)

export const updateNumberValidator = vine.create(
  vine.object({
    // A blank label arrives as null (the body parser), which optional() would take as left out.
    label: vine.string().trim().minLength(1).maxLength(100).use(notBlank()).optional(),
    pacing: pacing(),
    groupsEnabled: vine.boolean({ strict: true }).optional(),
  })
)

export const pairingCodeValidator = vine.create(
  vine.object({
    /** The number being linked, in international format (+5511…). */
    phone: vine
      .string()
      .trim()
      .regex(/^\+[1-9]\d{6,14}$/),
  })
)

/** GET /v1/providers/whatsapp/numbers: every workspace's numbers, or one workspace's (Parley id). */
export const tenantNumbersQueryValidator = vine.create(
  vine.object({
    limit: pageLimit(),
    cursor: cursor(),
    workspaceId: vine.string().trim().regex(UUID_PATTERN).optional(),
  })
)
