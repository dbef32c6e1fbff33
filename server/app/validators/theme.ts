import vine from '@vinejs/vine'

/** PUT /v1/theme { tokens }: the tokens themselves are checked against themes/schema.json. */
export const themeValidator = vine.create(
  vine.object({ tokens: vine.object({}).allowUnknownProperties() })
)
