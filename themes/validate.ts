import { Ajv2020 } from 'ajv/dist/2020.js'
import schema from './schema.json' with { type: 'json' }
import { AA_NORMAL_TEXT, contrastRatio } from './contrast.js'
import { CONTRAST_PAIRS, resolveTokens, type ThemeInput } from './tokens.js'

export interface TokenProblem {
  field: string
  message: string
}

const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true })
const check = ajv.compile(schema)

const field = (instancePath: string, extra?: string) =>
  [...instancePath.split('/').filter(Boolean), ...(extra ? [extra] : [])].join('.') || '(theme)'

/**
 * Validates a theme: every bad token gets a problem naming its field (`color.light.primary`).
 * Contrast below WCAG AA is reported separately as warnings: it is the partner's call, but it is
 * never silent.
 */
export function validateTheme(input: unknown): {
  errors: TokenProblem[]
  warnings: TokenProblem[]
} {
  if (!check(input)) {
    const errors = (check.errors ?? []).map((e) => {
      if (e.keyword === 'additionalProperties') {
        const name = (e.params as { additionalProperty: string }).additionalProperty
        return {
          field: field(e.instancePath, name),
          message: `Unknown token "${field(e.instancePath, name)}"`,
        }
      }
      const description = (e.parentSchema as { description?: string } | undefined)?.description
      return {
        field: field(e.instancePath),
        message: description ? `must be ${description}` : (e.message ?? 'is invalid'),
      }
    })
    return { errors, warnings: [] }
  }
  return { errors: [], warnings: contrastWarnings(input as ThemeInput) }
}

/** Text/background pairs below 4.5:1, in each scheme the theme can show. */
export function contrastWarnings(input: ThemeInput): TokenProblem[] {
  const tokens = resolveTokens(input)
  const schemes =
    tokens.colorScheme === 'auto' ? (['light', 'dark'] as const) : [tokens.colorScheme]
  const warnings: TokenProblem[] = []
  for (const scheme of schemes) {
    const palette = tokens.color[scheme]
    for (const [text, background] of CONTRAST_PAIRS) {
      const ratio = contrastRatio(palette[text], palette[background])
      if (ratio < AA_NORMAL_TEXT) {
        warnings.push({
          field: `color.${scheme}.${text}`,
          message: `contrast ${ratio.toFixed(2)}:1 against color.${scheme}.${background} is below WCAG AA (4.5:1)`,
        })
      }
    }
  }
  return warnings
}
