// The host's own script: Parley.init with a session callback that asks the host's backend. The
// stub that queues calls until embed.js arrives is served just before it (embed/snippet.js).
var meta = function (name) {
  return document.querySelector('meta[name="' + name + '"]').content
}

// Who is signed in: `?user=` picks (the demo's stand-in for a login form) and the tab remembers
// it, so moving between pages keeps that user; a real host knows this from its own session.
var storage = (function () {
  try {
    return window.sessionStorage
  } catch (error) {
    return null // storage refused (privacy settings): the query string alone decides
  }
})()
var user =
  new URLSearchParams(location.search).get('user') ||
  (storage && storage.getItem('parley-demo-user')) ||
  meta('demo-user')
if (storage) storage.setItem('parley-demo-user', user)

window.Parley.init({
  publishableKey: meta('parley-key'),
  theme: 'auto',
  locale: window.parleyDemoLocale,
  session: async function () {
    var response = await fetch('/session?user=' + encodeURIComponent(user), { method: 'POST' })
    var body = await response.json()
    if (!response.ok) throw new Error(body.error ? body.error.message : 'could not start a session')
    return body.token
  },
})

window.Parley.on('parley-launcher-opened', function () {
  document.documentElement.dataset.parleyOpened = 'yes'
})

// "Sign in as …" stays on this page, and the current user's link is marked.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('.topbar a[href*="user="]').forEach(function (link) {
    var who = new URL(link.href).searchParams.get('user')
    link.href = location.pathname + '?user=' + encodeURIComponent(who)
    if (who === user) link.setAttribute('aria-current', 'true')
  })
})
