import { LitElement, type CSSResultGroup } from 'lit'
import { property } from 'lit/decorators.js'
import { baseStyles } from './styles.js'
import { themeSheet } from './theme.js'
import { hasMessage, localeFor, onLocaleChange, translate, type MessageKey } from './localize.js'
import { describeError } from './errors.js'
import { ParleyErrorEvent } from './events/index.js'
import { fixedScheme, onSchemeChange } from './runtime.js'

/** Whether a Parley element holds `el`, through slots and shadow roots. */
function insideParley(el: Element) {
  for (let node: Node | null = el.parentNode; node;) {
    if (node instanceof ParleyElement) return true
    node = node instanceof ShadowRoot ? node.host : node.parentNode
  }
  return false
}

/**
 * Base of every Parley element: shadow DOM with constructable stylesheets only (no inline style
 * attributes, so strict CSP hosts work), the tenant theme adopted ahead of the component's own
 * styles, the colour scheme fixable per element, strings through the translation layer and
 * failures reported to the host page.
 *
 * @cssproperty --parley-font-family - Font of all text.
 * @cssproperty --parley-color-on-surface - Default text colour.
 */
export class ParleyElement extends LitElement {
  static styles: CSSResultGroup = [baseStyles]

  /** Fixes the colour scheme of this element: `light` or `dark` (default: the tenant theme's). */
  @property({ attribute: 'data-parley-scheme', reflect: true })
  scheme?: 'light' | 'dark'

  /** Language of this element's strings (`en`, `es`…); default: Parley.init's, then the page's. */
  @property({ reflect: true })
  locale?: string

  #unsubscribe: (() => void)[] = []
  #ownScheme?: boolean

  protected createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot() as ShadowRoot
    root.adoptedStyleSheets = [themeSheet, ...root.adoptedStyleSheets]
    return root
  }

  connectedCallback() {
    super.connectedCallback()
    // A scheme the host wrote on the element wins; otherwise Parley.init({ theme }) may fix it.
    this.#ownScheme ??= this.hasAttribute('data-parley-scheme')
    const followInit = () => {
      if (!this.#ownScheme) this.scheme = fixedScheme()
    }
    followInit()
    // Inside another Parley element it takes that one's colours (the theme declares the palette
    // on outermost elements only), so a scheme fixed on a widget reaches the buttons in it.
    this.toggleAttribute('data-parley-nested', insideParley(this))
    this.#unsubscribe = [onLocaleChange(() => this.requestUpdate()), onSchemeChange(followInit)]
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    for (const unsubscribe of this.#unsubscribe) unsubscribe()
  }

  /** A translated string in this element's locale (the kit's keys and every widget's). */
  protected t(key: MessageKey, params?: Record<string, string | number>) {
    return translate(localeFor(this), key, params)
  }

  /** The words for an API error code (`error.<CODE>`), if there are any. */
  protected errorText(code: string) {
    const key = `error.${code}`
    return hasMessage(key) ? this.t(key) : undefined
  }

  /**
   * Tells the host page that something failed (a `parley-error` event with the API's code) and
   * returns what to show the user: the code's words, or a general apology.
   */
  protected reportError(error: unknown) {
    const { code, message, requestId } = describeError(error)
    this.emit(new ParleyErrorEvent(code, message, requestId))
    return this.errorText(code) ?? this.t('error.UNKNOWN')
  }

  /** Dispatches an event that bubbles out of the shadow root to the host page. */
  protected emit<E extends Event>(event: E): E {
    this.dispatchEvent(event)
    return event
  }
}
