import type {} from '@parley/sdk'

// The event is parley-launcher-opened: a misspelt name has no `widget`.
document
  .querySelector('parley-launcher')
  ?.addEventListener('parley-launcher-open', (event) => event.widget)
