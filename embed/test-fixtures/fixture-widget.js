// A stand-in widget chunk for the loader's tests: defines <parley-fixture> and records the
// configuration the loader hands it.
window.__fixtureConfigs = window.__fixtureConfigs || []
window.__fixtureLoads = (window.__fixtureLoads || 0) + 1

class ParleyFixture extends HTMLElement {
  connectedCallback() {
    this.textContent = this.label || 'fixture'
  }
}
if (!customElements.get('parley-fixture')) customElements.define('parley-fixture', ParleyFixture)

export function configure(options) {
  window.__fixtureConfigs.push(options)
}
