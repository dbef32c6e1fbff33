/**
 * The page's local storage, where a browser may refuse it (privacy modes, storage disabled): then
 * reads find nothing and writes are dropped, and what relied on them works for this page's life
 * only (a visitor is new next time; a cut-short recording cannot be finished from here).
 */
export const localStore = {
  get(key: string) {
    try {
      return localStorage.getItem(key)
    } catch {
      return null
    }
  },
  set(key: string, value: string) {
    try {
      localStorage.setItem(key, value)
    } catch {}
  },
  remove(key: string) {
    try {
      localStorage.removeItem(key)
    } catch {}
  },
}
