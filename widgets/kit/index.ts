/** The kit: what every Parley widget shares. */
export { ParleyElement } from './parley-element.js'
export { ApiClient, tokenExpiry } from './api-client.js'
export { ParleyApiError, ParleyNetworkError } from './errors.js'
export * from './events/index.js'
export { LOCALES, localeFor, setLocale, supportedLocale, translate } from './localize.js'
export { applyThemeCss, themeSheet } from './theme.js'
export {
  configure,
  api,
  embedConfig,
  loadTheme,
  loadWidget,
  isConfigured,
  whenConfigured,
} from './runtime.js'
export { define } from './define.js'
export { ParleyButton } from './primitives/button.js'
export { ParleyInput } from './primitives/input.js'
export { ParleyList, ParleyListItem } from './primitives/list.js'
export { ParleyDialog } from './primitives/dialog.js'
export { ParleyPopover } from './primitives/popover.js'
export { ParleyToast } from './primitives/toast.js'
export { ParleyAvatar } from './primitives/avatar.js'
export { ParleyBadge } from './primitives/badge.js'
export { ParleySkeleton } from './primitives/skeleton.js'
export { ParleyState } from './primitives/state.js'
