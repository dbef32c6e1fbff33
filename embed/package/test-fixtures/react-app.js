// A React 19 app using @parley/sdk as a reseller would (built by Vite in the package e2e test).
// The page's hash carries the publishable key, Parley's origin and a session token.
import { createElement as h, StrictMode, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { init } from '@parley/sdk'
import { ParleyInbox, ParleyLauncher } from '@parley/sdk/react'

const params = new URLSearchParams(location.hash.slice(1))
init({
  publishableKey: params.get('key'),
  apiUrl: params.get('api'),
  session: async () => params.get('token'),
})
window.__events = []

function Widgets() {
  return h(
    'div',
    null,
    h(ParleyLauncher, {
      widget: 'account',
      label: 'Help',
      onParleyLauncherOpened: (event) => window.__events.push(['opened', event.widget]),
    }),
    h(ParleyInbox, {
      compact: true,
      onParleyUnreadChanged: (event) => window.__events.push(['unread', event.count]),
    })
  )
}

function App() {
  const [shown, setShown] = useState(true)
  const [generation, setGeneration] = useState(0)
  window.__show = setShown
  // A Next.js-style remount: the same widgets, new React elements and new DOM elements.
  window.__remount = () => setGeneration((n) => n + 1)
  return shown ? h(Widgets, { key: generation }) : null
}

let root
window.__mountRoot = () => {
  root = createRoot(document.getElementById('root'))
  root.render(h(StrictMode, null, h(App)))
}
window.__unmountRoot = () => root.unmount()
window.__mountRoot()
