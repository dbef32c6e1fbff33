// A Vue 3 app using @parley/sdk as a reseller would (built by Vite in the package e2e test).
import { createApp, defineComponent, h, ref } from 'vue'
import { init } from '@parley/sdk'
import { ParleyInbox, ParleyLauncher } from '@parley/sdk/vue'

const params = new URLSearchParams(location.hash.slice(1))
init({
  publishableKey: params.get('key'),
  apiUrl: params.get('api'),
  session: async () => params.get('token'),
})
window.__events = []

const App = defineComponent({
  setup() {
    const shown = ref(true)
    const generation = ref(0)
    window.__show = (value) => (shown.value = value)
    window.__remount = () => generation.value++
    return () =>
      shown.value
        ? h('div', { key: generation.value }, [
            h(ParleyLauncher, {
              widget: 'account',
              label: 'Help',
              onParleyLauncherOpened: (event) => window.__events.push(['opened', event.widget]),
            }),
            h(ParleyInbox, {
              compact: true,
              onParleyUnreadChanged: (event) => window.__events.push(['unread', event.count]),
            }),
          ])
        : null
  },
})

let app
window.__mountRoot = () => {
  app = createApp(App)
  app.mount('#root')
}
window.__unmountRoot = () => app.unmount()
window.__mountRoot()
