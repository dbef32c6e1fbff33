// The host's own script: Parley.init with a session callback that asks the host's backend. The
// stub that queues calls until embed.js arrives is served just before it (embed/snippet.js).
var meta = function (name) {
  return document.querySelector('meta[name="' + name + '"]').content
}

window.Parley.init({
  publishableKey: meta('parley-key'),
  theme: 'auto',
  session: async function () {
    var response = await fetch('/session?user=' + encodeURIComponent(meta('demo-user')), {
      method: 'POST',
    })
    var body = await response.json()
    if (!response.ok) throw new Error(body.error ? body.error.message : 'could not start a session')
    return body.token
  },
})

window.Parley.on('parley-launcher-opened', function () {
  document.documentElement.dataset.parleyOpened = 'yes'
})
