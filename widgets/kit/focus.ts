const FOCUSABLE =
  'a[href], button, input, select, textarea, [tabindex], [contenteditable="true"], audio[controls], video[controls], summary'

/**
 * Elements reachable with Tab inside `root`, in order, looking through shadow roots and slots
 * (a panel's content is usually other components' shadow DOM).
 */
export function focusableWithin(root: Element | ShadowRoot): HTMLElement[] {
  const found: HTMLElement[] = []
  const visit = (node: Element | ShadowRoot) => {
    const children =
      node instanceof HTMLSlotElement
        ? node.assignedElements({ flatten: true })
        : [...node.children]
    for (const child of children) {
      if (!(child instanceof HTMLElement) || child.hidden || child.inert) continue
      const disabled = (child as HTMLButtonElement).disabled
      if (
        child.matches(FOCUSABLE) &&
        child.tabIndex >= 0 &&
        !disabled &&
        !child.shadowRoot?.delegatesFocus
      ) {
        found.push(child)
      }
      if (child.shadowRoot) visit(child.shadowRoot)
      visit(child)
    }
  }
  visit(root)
  return found
}

/** The focused element, looking inside shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
  return active
}
