// The demo's language switch (a real host passes its own user's language): `?lang=es` or the
// link in the top bar picks English or Spanish for the page and Parley; the tab remembers it.
;(function () {
  var storage
  try {
    storage = window.sessionStorage
  } catch (error) {
    storage = null
  }
  var asked = new URLSearchParams(location.search).get('lang')
  var lang =
    asked === 'es' || asked === 'en'
      ? asked
      : (storage && storage.getItem('parley-demo-lang')) || 'en'
  if (storage) storage.setItem('parley-demo-lang', lang)
  document.documentElement.lang = lang
  window.parleyDemoLocale = lang

  document.addEventListener('DOMContentLoaded', function () {
    var nav = document.querySelector('nav')
    if (!nav) return
    var other = lang === 'es' ? 'en' : 'es'
    var link = document.createElement('a')
    link.href = location.pathname + '?lang=' + other
    link.lang = other
    link.textContent = other === 'es' ? 'Español' : 'English'
    nav.append(link)
  })
})()
