/** Defines a custom element once: a second script tag or a re-run never throws. */
export function define(tag: string, element: CustomElementConstructor) {
  if (!customElements.get(tag)) customElements.define(tag, element)
}
