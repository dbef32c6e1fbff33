// Server rendering with @parley/sdk: React 19 (react-dom/server) and Vue 3 (vue/server-renderer).
// Browser globals are traps: any read of them by the package is reported, not just a crash.
import * as React from 'react'
import { renderToString as renderReact } from 'react-dom/server'
import { createSSRApp, h } from 'vue'
import { renderToString as renderVue } from 'vue/server-renderer'

// Importing and rendering must not read them at all; init() only checks that `window` is
// there (typeof), so it runs after the count is taken.
const touched = []
let tracking = false
for (const name of [
  'window',
  'document',
  'customElements',
  'HTMLElement',
  'EventSource',
  'location',
])
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() {
      if (tracking) touched.push(name)
      return undefined
    },
  })

// Vue's own createSSRApp looks for its devtools hook on `window`: made before counting starts.
let vue
const vueApp = createSSRApp({
  render: () =>
    h('div', [
      h(vue.ParleyLauncher, { widget: 'account', label: 'Help', onParleyLauncherOpened() {} }),
      h(vue.ParleyRecorder, { maxMinutes: 30, language: 'es' }),
      h(vue.ParleyInbox, { compact: true, contact: undefined }),
    ]),
})

tracking = true
const sdk = await import('@parley/sdk')
const react = await import('@parley/sdk/react')
vue = await import('@parley/sdk/vue')

const reactHtml = renderReact(
  React.createElement(
    React.StrictMode,
    null,
    React.createElement(react.ParleyLauncher, {
      widget: 'account',
      label: 'Help',
      onParleyLauncherOpened: () => {},
    }),
    React.createElement(react.ParleyInbox, { compact: true, id: 'inbox' })
  )
)
const vueHtml = await renderVue(vueApp)
tracking = false
sdk.init({ publishableKey: 'pk_test', apiUrl: 'https://parley.invalid', session: async () => 't' })
console.log(JSON.stringify({ reactHtml, vueHtml, touched }))
