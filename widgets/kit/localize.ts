import { en, type MessageKey, type Messages } from './locales/en.js'
import { es } from './locales/es.js'

export type { MessageKey } from './locales/en.js'

/** Every locale the kit ships; add one by adding a file typed as `Messages`. */
export const LOCALES: Record<string, Messages> = { en, es }

/** Strings widgets bring along (each widget's own), by locale. */
const registered: Record<string, Record<string, string>> = {}

/** Adds a widget's strings, so the kit chunk carries only its own. */
export function registerMessages(byLocale: Record<string, Record<string, string>>) {
  for (const [locale, messages] of Object.entries(byLocale)) {
    registered[locale] = { ...registered[locale], ...messages }
  }
}

let configured: string | undefined
const listeners = new Set<() => void>()

/** The best supported match for a BCP 47 tag (`es-MX` → `es`), or English. */
export function supportedLocale(tag?: string | null): string {
  if (!tag) return 'en'
  const lower = tag.toLowerCase()
  if (LOCALES[lower]) return lower
  const base = lower.split('-')[0]
  return LOCALES[base] ? base : 'en'
}

/** Sets the locale for every element that does not fix its own (Parley.init({ locale })). */
export function setLocale(tag: string | undefined) {
  configured = tag
  for (const listener of listeners) listener()
}

export function onLocaleChange(listener: () => void) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** An element's locale: its own attribute, then Parley.init's, then the page's, then the browser's. */
export function localeFor(element?: { locale?: string }): string {
  return supportedLocale(
    element?.locale ||
      configured ||
      (typeof document === 'undefined' ? undefined : document.documentElement.lang) ||
      (typeof navigator === 'undefined' ? undefined : navigator.language)
  )
}

/** A string with `{name}` placeholders filled; falls back to English, then to the key. */
export function translate(
  locale: string,
  key: MessageKey,
  params: Record<string, string | number> = {}
) {
  const template =
    LOCALES[locale]?.[key] ?? registered[locale]?.[key] ?? en[key] ?? registered.en?.[key] ?? key
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match
  )
}
