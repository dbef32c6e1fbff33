import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit'
import { tenantBrand, type TenantBrand } from './runtime.js'

/**
 * The tenant's display name and logo for a widget's header, from the embed config (the chat's
 * and the launcher's). Until it arrives, or where it cannot, the header stays as it was.
 */
export class BrandController implements ReactiveController {
  brand: TenantBrand | null = null
  /** Logos whose image failed (gone, refused by the host's CSP): they hide themselves. */
  #failed = new Set<string>()

  constructor(private host: ReactiveControllerHost) {
    host.addController(this)
  }

  hostConnected() {
    void tenantBrand().then((brand) => {
      this.brand = brand
      this.host.requestUpdate()
    })
  }

  /** The display name, if the tenant has one. */
  get name(): string | undefined {
    return this.brand?.name || undefined
  }

  /**
   * The logo in its `logo` part, or nothing (none set, or its image failed). Its text
   * alternative is the display name, unless `beside` (the heading next to it) already says it.
   */
  logo(beside?: string) {
    const url = this.brand?.logoUrl
    if (!url || this.#failed.has(url)) return nothing
    const alt = beside === this.name ? '' : (this.name ?? '')
    return html`<span part="logo"
      ><img
        src=${url}
        alt=${alt}
        @error=${() => {
          this.#failed.add(url)
          this.host.requestUpdate()
        }}
    /></span>`
  }
}

/**
 * The logo sits on a small light tile of its own: most logos are drawn for white, and the
 * header's colour (or a dark scheme) would swallow a dark one. `--_logo-background` is the
 * widget's public variable.
 */
export const brandLogoStyles = css`
  [part='logo'] {
    display: inline-flex;
    flex: none;
    align-items: center;
    height: 32px;
    padding: 4px;
    border-radius: var(--parley-radius-sm, 6px);
    background: var(--_logo-background, #ffffff);
  }
  [part='logo'] img {
    display: block;
    height: 24px;
    width: auto;
    max-width: 96px;
    object-fit: contain;
  }
`
