import { en, type KitKey, type Messages } from './locales/en.js'
import { es } from './locales/es.js'

/**
 * The strings each widget brings along, declared by its locales file so that `t()` knows their
 * keys: `declare module '…/kit/localize.js' { interface WidgetMessages { inbox: typeof inboxEn } }`.
 */
export interface WidgetMessages {}

/** Every key `t()` accepts: the kit's own and every widget's. */
export type MessageKey =
  KitKey | { [W in keyof WidgetMessages]: keyof WidgetMessages[W] & string }[keyof WidgetMessages]

/** Every locale the kit ships; add one by adding a file typed as `Messages`. */
export const LOCALES: Record<string, Messages> = { en, es }

/** The kit's strings and those widgets registered, by locale. */
const catalogs: Record<string, Record<string, string>> = { en: { ...en }, es: { ...es } }

/**
 * Adds a widget's strings, so the kit chunk carries only its own. English is the reference: every
 * other locale must have its keys.
 */
export function registerMessages<M extends Record<string, string>>(
  byLocale: { en: M } & Record<string, Record<keyof M, string>>
) {
  for (const [locale, messages] of Object.entries(byLocale)) {
    catalogs[locale] = { ...catalogs[locale], ...messages }
  }
}

/** Whether some string exists for `key` (an error code's, say), so `t(key)` will not echo it. */
export function hasMessage(key: string): key is MessageKey {
  return key in catalogs.en
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
  const template = catalogs[locale]?.[key] ?? catalogs.en[key] ?? key
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match
  )
}
