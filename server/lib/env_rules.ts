import proxyaddr from 'proxy-addr'

/**
 * Environment rules that fail with one line naming the variable and what it expects, so a
 * misconfigured deployment says exactly what to fix.
 */
type Rule<T> = (key: string, value?: string) => T

function fail(key: string, expected: string, value?: string): never {
  const got = value === undefined || value === '' ? 'it is not set' : `got "${value.slice(0, 40)}"`
  throw new Error(`${key} must be ${expected}; ${got}`)
}

export function required(expected: string, check: (value: string) => boolean = () => true) {
  return ((key, value) => {
    if (!value || !check(value)) fail(key, expected, value)
    return value
  }) as Rule<string>
}

export function optional(expected: string, check: (value: string) => boolean = () => true) {
  return ((key, value) => {
    if (value === undefined || value === '') return undefined
    if (!check(value)) fail(key, expected, value)
    return value
  }) as Rule<string | undefined>
}

export function integer(expected: string, fallback: number, min: number, max: number) {
  return ((key, value) => {
    if (value === undefined || value === '') return fallback
    const parsed = Number(value)
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) fail(key, expected, value)
    return parsed
  }) as Rule<number>
}

export function oneOf<const T extends readonly string[]>(values: T, fallback: T[number]) {
  return ((key, value) => {
    if (value === undefined || value === '') return fallback
    if (!values.includes(value)) fail(key, `one of ${values.join(', ')}`, value)
    return value as T[number]
  }) as Rule<T[number]>
}

export const isUrlWith =
  (...protocols: string[]) =>
  (value: string) => {
    try {
      return protocols.includes(new URL(value).protocol)
    } catch {
      return false
    }
  }

/**
 * A comma-separated list of IP addresses and CIDR ranges (or proxy-addr's names `loopback`,
 * `linklocal`, `uniquelocal`), checked by compiling it as the server will; empty when unset.
 */
export function addressList(expected: string) {
  return ((key, value) => {
    if (value === undefined || value.trim() === '') return []
    const items = value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean)
    try {
      proxyaddr.compile(items)
    } catch {
      fail(key, expected, value)
    }
    return items
  }) as Rule<string[]>
}
