/**
 * Opt-out and opt-in keywords in inbound messages: only a message that is nothing but one of the words
 * counts, so "stop sending me stuff" or "don't stop" never opts anyone out by accident.
 */

export interface OptOutWords {
  optOut: readonly string[]
  optIn: readonly string[]
}

/**
 * Defaults per locale; a workspace may pass its own lists. "YES" is deliberately not an opt-in word: it is the
 * commonest reply to any question, and opting someone back in by mistake is the costly direction of error.
 */
export const DEFAULT_OPT_OUT_WORDS: Readonly<Record<string, OptOutWords>> = {
  en: {
    optOut: ['STOP', 'UNSUBSCRIBE', 'STOPALL', 'CANCEL', 'END', 'QUIT'],
    optIn: ['START', 'UNSTOP'],
  },
  es: { optOut: ['BAJA', 'PARAR', 'DETENER', 'CANCELAR', 'ALTO'], optIn: ['ALTA', 'INICIAR'] },
  pt: { optOut: ['SAIR', 'PARAR', 'CANCELAR'], optIn: ['INICIAR'] },
}

/** Longer messages cannot be a single keyword; skip normalising them. */
export const MAX_KEYWORD_MESSAGE = 160

// Punctuation, symbols (emoji, skin tones, flags), marks (variation selectors, keycaps), invisible format
// characters (ZWJ, zero-width space) and spaces around the word: "¡Baja!", "*STOP*", "stop 🙏🏽", "STOP.".
const EDGES = /^[\p{P}\p{S}\p{M}\p{Cf}\s]+|[\p{P}\p{S}\p{M}\p{Cf}\s]+$/gu

export function normalizeKeyword(text: string): string {
  return text
    .normalize('NFKD') // also folds full-width letters: "ｓｔｏｐ" → "stop"
    .replace(/\p{M}/gu, '') // accents: "SAÍR" → "SAIR"
    .replace(/\p{Cf}/gu, '')
    .replace(EDGES, '')
    .replace(/\s+/gu, ' ')
    .toUpperCase()
}

interface Sets {
  optOut: Set<string>
  optIn: Set<string>
}
const compiled = new WeakMap<object, Sets>()

function sets(locales: Readonly<Record<string, OptOutWords>>): Sets {
  let found = compiled.get(locales)
  if (!found) {
    found = { optOut: new Set(), optIn: new Set() }
    for (const words of Object.values(locales)) {
      for (const word of words.optOut) found.optOut.add(normalizeKeyword(word))
      for (const word of words.optIn) found.optIn.add(normalizeKeyword(word))
    }
    found.optOut.delete('')
    found.optIn.delete('')
    compiled.set(locales, found)
  }
  return found
}

/**
 * What an inbound message asks for: `opt_out`, `opt_in`, or null for anything else. All the given locales'
 * words count (a contact's language is not known reliably); a word in both lists opts out.
 */
export function optOutIntent(
  text: string | null | undefined,
  locales: Readonly<Record<string, OptOutWords>> = DEFAULT_OPT_OUT_WORDS
): 'opt_out' | 'opt_in' | null {
  if (!text || text.length > MAX_KEYWORD_MESSAGE) return null
  const word = normalizeKeyword(text)
  if (word === '') return null
  const { optOut, optIn } = sets(locales)
  if (optOut.has(word)) return 'opt_out'
  if (optIn.has(word)) return 'opt_in'
  return null
}
