// The Parley command-queue stub. Put it in one of your own scripts (never inline, under a strict
// CSP) before the Parley script tag: calls made before embed.js arrives are kept and replayed.
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
