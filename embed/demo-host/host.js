// The host's script. First the Parley stub (docs/embedding.md), so calls made before embed.js
// arrives are queued, then Parley.init with a session callback that asks the host's backend.
;(function (w) {
  var p = (w.Parley = w.Parley || { q: [] })
  ;['init', 'mount', 'unmount', 'on', 'off'].forEach(function (m) {
    p[m] =
      p[m] ||
      function () {
        p.q.push([m, arguments])
      }
  })
})(window)

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
