import { css, html, nothing } from 'lit'
import { property } from 'lit/decorators.js'
import { Task } from '@lit/task'
import { ParleyElement } from '../kit/parley-element.js'
import { api, whenConfigured } from '../kit/runtime.js'
import { describeError } from '../kit/errors.js'
import '../kit/primitives/avatar.js'
import '../kit/primitives/skeleton.js'
import '../kit/primitives/state.js'
import './account.locales.js'

type Role = 'owner' | 'admin' | 'agent' | 'viewer'

interface Me {
  workspace?: { name: string | null }
  widgets: string[]
  member: { name: string | null; email: string | null; role: Role }
}

/** Widgets that exist, in the order shown; a session may name others (not built yet): not shown. */
const FEATURES = ['inbox', 'recorder'] as const

/**
 * Who the session belongs to: the signed-in person (name, email, avatar), their workspace by its
 * name, their role in words and the features their session opens, by name. No ids: end users
 * never see Parley's or the reseller's. The smallest complete widget: it shows the kit's API
 * client, session refresh and loading, error and retry states end to end.
 *
 * @event parley-error - The account could not be loaded.
 * @csspart base - The card.
 * @csspart name - The person's name.
 * @csspart features - The list of features.
 * @cssproperty --parley-account-padding - Space inside the card (default: space-5).
 */
export class ParleyAccount extends ParleyElement {
  static styles = [
    ParleyElement.styles,
    css`
      :host {
        display: block;
        container-type: inline-size;
      }
      [part='base'] {
        display: grid;
        gap: var(--parley-space-4, 16px);
        padding: var(--parley-account-padding, var(--parley-space-5, 20px));
        /* Its own surface: readable whatever the host page's background is. */
        background: var(--parley-color-surface, #ffffff);
        color: var(--parley-color-on-surface, #18202f);
        border: 1px solid var(--parley-color-border, #d5dae3);
        border-radius: var(--parley-radius-lg, 14px);
      }
      :host([compact]) [part='base'] {
        padding: var(--parley-account-padding, var(--parley-space-4, 16px));
        border: 0;
        border-radius: 0;
      }
      .who {
        display: flex;
        align-items: center;
        gap: var(--parley-space-3, 12px);
        min-width: 0;
      }
      .identity {
        display: grid;
        min-width: 0;
        flex: 1;
      }
      [part='name'] {
        margin: 0;
        font-size: var(--parley-font-size-lg, 16px);
        font-weight: var(--parley-font-weight-strong, 600);
        overflow-wrap: anywhere;
      }
      .email {
        color: var(--parley-color-on-surface-muted, #586174);
        overflow-wrap: anywhere;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: var(--parley-space-3, 12px) var(--parley-space-4, 16px);
        margin: 0;
        padding-top: var(--parley-space-4, 16px);
        border-top: 1px solid var(--parley-color-border, #d5dae3);
      }
      dt {
        color: var(--parley-color-on-surface-muted, #586174);
      }
      dd {
        margin: 0;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .hint {
        display: block;
        color: var(--parley-color-on-surface-muted, #586174);
        font-size: var(--parley-font-size-sm, 13px);
      }
      [part='features'] {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-2, 8px);
        margin: 0;
        padding: 0;
        list-style: none;
      }
      [part='features'] li {
        padding: 2px var(--parley-space-3, 12px);
        border-radius: var(--parley-radius-pill, 999px);
        background: var(--parley-color-surface-muted, #f2f4f8);
        color: var(--parley-color-on-surface, #18202f);
        font-size: var(--parley-font-size-sm, 13px);
      }
      .placeholder {
        width: 48px;
        height: 48px;
        flex: none;
        border-radius: 50%;
        background: var(--parley-color-surface-muted, #f2f4f8);
      }
      .loading parley-skeleton {
        flex: 1;
      }
      /* Narrow (a phone, the launcher's panel): labels above their values. */
      @container (max-width: 420px) {
        dl {
          grid-template-columns: 1fr;
          gap: var(--parley-space-1, 4px);
        }
        dd + dt {
          margin-top: var(--parley-space-2, 8px);
        }
      }
    `,
  ]

  /** Tighter, borderless, inside the launcher's panel. */
  @property({ type: Boolean, reflect: true }) compact = false

  #me = new Task(this, {
    task: async (_, { signal }) => {
      await whenConfigured()
      try {
        return await api().request<Me>('/v1/me', { signal })
      } catch (error) {
        this.reportError(error)
        throw error
      }
    },
    args: () => [],
  })

  render() {
    return this.#me.render({
      pending: () =>
        html`<div part="base" class="loading">
          <div class="who">
            <span class="placeholder"></span>
            <parley-skeleton lines="2"></parley-skeleton>
          </div>
          <parley-skeleton lines="3"></parley-skeleton>
        </div>`,
      error: (error) => {
        const { code } = describeError(error)
        return html`<div part="base">
          <parley-state
            kind="error"
            message=${this.errorText(code) ?? this.t('error.UNKNOWN')}
            @parley-retry-requested=${() => this.#me.run()}
          ></parley-state>
        </div>`
      },
      complete: (me) => this.#renderAccount(me),
    })
  }

  #renderAccount(me: Me) {
    const { member } = me
    const name = member.name ?? member.email ?? this.t('account.unnamed')
    const features = FEATURES.filter((f) => me.widgets.includes(f))
    const workspace = me.workspace?.name
    return html`<section part="base" aria-label=${this.t('account.title')}>
      <div class="who">
        <parley-avatar size="lg" name=${name}></parley-avatar>
        <div class="identity">
          <p part="name">${name}</p>
          ${member.email && member.name ? html`<span class="email">${member.email}</span>` : nothing}
        </div>
      </div>
      <dl>
        ${
          workspace
            ? html`<dt>${this.t('account.workspace')}</dt>
                <dd>${workspace}</dd>`
            : nothing
        }
        <dt>${this.t('account.role')}</dt>
        <dd>
          ${this.t(`role.${member.role}`)}
          <span class="hint">${this.t(`account.roleHint.${member.role}`)}</span>
        </dd>
        <dt>${this.t('account.features')}</dt>
        <dd>
          ${
            features.length
              ? html`<ul part="features">
                  ${features.map((f) => html`<li>${this.t(`account.feature.${f}`)}</li>`)}
                </ul>`
              : html`<span class="hint">${this.t('account.noFeatures')}</span>`
          }
        </dd>
      </dl>
    </section>`
  }
}
