// The host page's own script: fetch the tenant's embed config with the publishable key, mint a
// session through the host's backend, then call the widget API with the session token.
const api = document.querySelector('meta[name="parley-api"]').content
const key = document.querySelector('meta[name="parley-key"]').content
const show = (id, value) =>
  (document.getElementById(id).textContent = JSON.stringify(value, null, 2))

const config = await fetch(`${api}/v1/embed/config?key=${encodeURIComponent(key)}`).then((r) =>
  r.json()
)
show('config', config)
const session = await fetch('/session', { method: 'POST' }).then((r) => r.json())
const me = session.token
  ? await fetch(`${api}/v1/me`, { headers: { Authorization: `Bearer ${session.token}` } }).then(
      (r) => r.json()
    )
  : session
show('session', me)
