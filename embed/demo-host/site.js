// The public site's own script: Parley with the publishable key only. Visitors are anonymous;
// the chat widget arrives with the key and remembers the visitor in this browser.
window.Parley.init({
  publishableKey: document.querySelector('meta[name="parley-key"]').content,
  theme: 'auto',
  locale: window.parleyDemoLocale,
})
